using Platform.Inference.Onnx.Proto;

namespace Platform.Inference.Onnx;

/// <summary>
/// Which raw input each slot of a feature vector reads, derived from the graph that computes it
/// (ADR 23): an input owns its standardised number's slot, or every slot of its one-hot block. The
/// derivation follows the operators the classifier files' preprocessing is made of (Concat along
/// the features, elementwise arithmetic with constants, LabelEncoder, OneHot, Reshape); a graph built
/// otherwise, or a slot that mixes two inputs, has no derivation and is answered null, so that its
/// model is explained by sampling instead of wrongly.
/// </summary>
internal static class FeatureSlots
{
    // Operators whose output slot j reads only slot j of their non-constant inputs.
    private static readonly HashSet<string> Elementwise =
        ["IsNaN", "Where", "Sub", "Div", "Add", "Mul", "Neg", "Abs", "Not", "Cast", "Identity", "LabelEncoder"];

    /// <summary>The owning input's name for each slot of <paramref name="value"/> [N, slots], or null.</summary>
    public static string[]? Owners(OnnxGraph graph, string value) => Owners(graph, value, depth: 0);

    private static string[]? Owners(OnnxGraph graph, string value, int depth)
    {
        // The preprocessing is a few operators deep; a far deeper chain is not one this reads.
        if (depth > 64) return null;
        if (graph.Input(value) is { } input) return Width(input) == 1 ? [input.Name] : null;
        if (graph.Producer(value) is not { } node) return null;
        var op = node.OpType;
        if (op == "Concat")
        {
            if (OnnxGraph.Int(node, "axis", 0) != 1) return null;
            var slots = new List<string>();
            foreach (var part in node.Input)
            {
                if (Owners(graph, part, depth + 1) is not { } owners) return null;
                slots.AddRange(owners);
            }
            return [.. slots];
        }
        if (Elementwise.Contains(op))
        {
            string[]? result = null;
            foreach (var operand in node.Input.Where(i => i.Length > 0 && !graph.IsConstant(i)))
            {
                if (Owners(graph, operand, depth + 1) is not { } owners) return null;
                if (result is null) result = owners;
                else if (!result.SequenceEqual(owners)) return null;
            }
            return result;
        }
        if (op == "OneHot")
        {
            // [N,1] indices of one input become [N,1,depth] on the last axis: every slot is that input's.
            if (OnnxGraph.Int(node, "axis", -1) != -1 || node.Input.Count < 3) return null;
            if (Owners(graph, node.Input[0], depth + 1) is not [var owner]) return null;
            return graph.Int64s(node.Input[1]) is [> 0 and <= 1_000_000 and var width] ? Enumerable.Repeat(owner, (int)width).ToArray() : null;
        }
        if (op == "Reshape")
        {
            // Only the reshape of [N,1,w] to [N,w] that closes a one-hot block: the slots stay in order.
            if (node.Input.Count < 2 || Owners(graph, node.Input[0], depth + 1) is not { } owners) return null;
            return graph.Int64s(node.Input[1]) is [-1 or 0, var width] && width == owners.Length ? owners : null;
        }
        return null;
    }

    /// <summary>The second dimension of a [N, w] input, or 0 when it is not stated.</summary>
    private static long Width(ValueInfoProto input) =>
        input.Type?.TensorType?.Shape is { Dim.Count: 2 } shape && shape.Dim[1].ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            ? shape.Dim[1].DimValue
            : 0;
}
