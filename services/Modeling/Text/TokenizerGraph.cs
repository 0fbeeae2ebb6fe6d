using Platform.Modeling.Onnx;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;
using DataType = Platform.Modeling.Onnx.Proto.TensorProto.Types.DataType;

namespace Platform.Modeling.Text;

/// <summary>
/// WordPiece tokenization as nodes of the model's own graph (ADR 32): ONNX Runtime Extensions'
/// contrib <c>BertTokenizer</c> with the encoder's vocabulary, lower-casing as the uncased encoder
/// was trained. The operator takes one text (two would be read as a pair), so a <c>Loop</c> runs it
/// on each text of the batch and pads its ids to <see cref="TextModelOptions.MaxTokens"/>; the
/// batch is then cut to its longest text. Training tokenizes with the same nodes, so served and
/// trained ids cannot differ.
/// </summary>
internal static class TokenizerGraph
{
    public const string ContribDomain = "ai.onnx.contrib";

    /// <summary>
    /// Appends the nodes that turn <paramref name="text"/> (string [N, 1]) into token ids and the
    /// attention mask (int64 [N, T], T the batch's longest text, [CLS] and [SEP] included, at most
    /// <paramref name="maxTokens"/>); returns their names.
    /// </summary>
    public static (string Ids, string Mask) Append(OnnxGraphBuilder graph, string text, string vocabulary, int maxTokens, string prefix = "tokenizer")
    {
        var flatShape = graph.Int64s($"{prefix}.flat_shape", [-1L], 1);
        var texts = graph.Node("Reshape", [text, flatShape], $"{prefix}.texts");

        var body = new OnnxGraphBuilder($"{prefix}.one_text");
        body.Input($"{prefix}.iteration", DataType.Int64);
        body.Input($"{prefix}.condition_in", DataType.Bool);
        body.Node("Identity", [$"{prefix}.condition_in"], $"{prefix}.condition_out");
        var axis0 = body.Node("Constant", [], $"{prefix}.axis0", Attribute("value", Tensor($"{prefix}.axis0_value", DataType.Int64, BitConverter.GetBytes(0L), 1)));
        var index = body.Node("Unsqueeze", [$"{prefix}.iteration", axis0], $"{prefix}.index");
        var one = body.Node("Gather", [texts, index], $"{prefix}.one", Attribute("axis", 0));
        body.Node("BertTokenizer", ContribDomain, [one], [$"{prefix}.row_ids", $"{prefix}.row_types", $"{prefix}.row_mask"],
            Attribute("vocab_file", vocabulary), Attribute("do_lower_case", 1), Attribute("strip_accents", 1), Attribute("max_length", maxTokens));
        var length = body.Node("Shape", [$"{prefix}.row_ids"], $"{prefix}.row_length");
        var longest = body.Node("Constant", [], $"{prefix}.max_tokens", Attribute("value", Tensor($"{prefix}.max_tokens_value", DataType.Int64, BitConverter.GetBytes((long)maxTokens), 1)));
        var missing = body.Node("Sub", [longest, length], $"{prefix}.missing");
        var pads = body.Node("Concat", [axis0, missing], $"{prefix}.pads", Attribute("axis", 0));
        body.Node("Pad", [$"{prefix}.row_ids", pads], $"{prefix}.padded_ids");
        body.Node("Pad", [$"{prefix}.row_mask", pads], $"{prefix}.padded_mask");
        body.Output($"{prefix}.condition_out", DataType.Bool);
        body.Output($"{prefix}.padded_ids", DataType.Int64, maxTokens);
        body.Output($"{prefix}.padded_mask", DataType.Int64, maxTokens);

        var count = graph.Node("Shape", [texts], $"{prefix}.count_1");
        var trips = graph.Node("Squeeze", [count], $"{prefix}.count");
        graph.Node("Loop", "", [trips, ""], [$"{prefix}.all_ids", $"{prefix}.all_mask"], Attribute("body", body.Graph));

        // Cut to the batch's longest text: a batch of short reviews does not pay for the longest possible one.
        var axis1 = graph.Int64s($"{prefix}.axis1", [1L], 1);
        var start = graph.Int64s($"{prefix}.start", [0L], 1);
        var lengths = graph.Node("ReduceSum", [$"{prefix}.all_mask", axis1], $"{prefix}.lengths", Attribute("keepdims", 0));
        var end = graph.Node("ReduceMax", [lengths], $"{prefix}.longest", Attribute("keepdims", 1));
        var ids = graph.Node("Slice", [$"{prefix}.all_ids", start, end, axis1], $"{prefix}.input_ids");
        var mask = graph.Node("Slice", [$"{prefix}.all_mask", start, end, axis1], $"{prefix}.attention_mask");
        return (ids, mask);
    }
}
