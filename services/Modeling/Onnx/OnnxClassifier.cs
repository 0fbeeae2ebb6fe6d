using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Modeling.Data;
using Platform.Modeling.Onnx.Proto;
using Platform.Tabular;
using Platform.Tabular.Evaluation;

namespace Platform.Modeling.Onnx;

/// <summary>
/// A model file loaded into ONNX Runtime on the CPU, fed with raw table cells. Used for the
/// parity check, for evaluation and for latency measurements; serving has its own host. A
/// classifier scores class probabilities; a regression file (<see cref="IsRegression"/>) scores one
/// value per row, which <see cref="PredictProbabilities(ColumnarTable, IReadOnlyList{int}, int)"/>
/// returns as its one-wide "scores" (ADR 31).
/// </summary>
public sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private static readonly string[] ClassifierOutputs = [ModelMetadata.LabelOutput, ModelMetadata.ProbabilitiesOutput];
    private static readonly string[] RegressionOutputs = [ModelMetadata.ValueOutput];
    private readonly string[] _outputs;
    private readonly RunOptions _runOptions = new();
    private readonly (string Name, bool Numeric)[] _inputs;

    /// <param name="threads">ONNX Runtime's threads: 1 measures as serving runs; scoring many texts for a student may use more.</param>
    public OnnxClassifier(byte[] model, int threads = 1)
    {
        using var options = CreateSessionOptions();
        options.IntraOpNumThreads = threads;
        _session = new InferenceSession(model, options);
        _inputs = _session.InputMetadata
            .Select(kv => (kv.Key, kv.Value.ElementDataType == TensorElementType.Float))
            .ToArray();
        var metadata = _session.ModelMetadata.CustomMetadataMap;
        IsRegression = metadata.GetValueOrDefault(ModelMetadata.Task) == ModelMetadata.RegressionTask;
        Classes = IsRegression ? [] : JsonSerializer.Deserialize<string[]>(metadata[ModelMetadata.Classes])!;
        PositiveIndex = metadata.TryGetValue(ModelMetadata.PositiveClass, out var positive) ? Classes.ToList().IndexOf(positive) : -1;
        _outputs = IsRegression ? RegressionOutputs : ClassifierOutputs;
        // A transformer's activations grow with the batch times its longest text squared: texts go 32 at a time (ADR 32).
        BatchRows = metadata.ContainsKey(ModelMetadata.MaxTokens) ? 32 : 4096;
        FreeTextInputs = metadata.TryGetValue(ModelMetadata.Features, out var features)
            ? [.. JsonSerializer.Deserialize<FeatureEntry[]>(features)!.Where(f => f.Kind == ModelMetadata.TextFeature).Select(f => f.Name)]
            : [];
    }

    /// <summary>The inputs the file reads as free text (a text model's; its metadata's features of kind "text").</summary>
    public IReadOnlyList<string> FreeTextInputs { get; }

    /// <summary>Rows scored per run unless the caller says otherwise.</summary>
    public int BatchRows { get; }

    /// <summary>The classes in the order of the probabilities; empty for a regression file.</summary>
    public IReadOnlyList<string> Classes { get; }

    public bool IsRegression { get; }

    /// <summary>The width of a row's scores: its class probabilities, or one value.</summary>
    public int Outputs => IsRegression ? 1 : Classes.Count;

    /// <summary>The positive class's column of a binary model; −1 for multiclass.</summary>
    public int PositiveIndex { get; }
    public IReadOnlyList<string> InputNames => _inputs.Select(i => i.Name).ToArray();

    /// <summary>
    /// The options Inference serves with (<c>OnnxSessionFactory</c>), so what is measured here is
    /// what serves. One thread per session keeps small-batch latency steady on a shared machine; int8
    /// weights stored as DequantizeLinear of constants are folded to float once at load
    /// (<c>session.disable_quant_qdq</c>), so they cost bytes on disk, not time per request. The
    /// default optimization level (all) fuses int8-compute layers into DynamicQuantizeMatMul.
    /// A text model's tokenizer operators are registered (ADR 32).
    /// </summary>
    public static SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        options.AddSessionConfigEntry("session.disable_quant_qdq", "1");
        // A text model's graph holds the tokenizer's contrib operators (ADR 32); registering them costs a table's lookup.
        options.RegisterOrtExtensions();
        return options;
    }

    /// <summary>The inputs a model file takes as strings: the columns whose exact text it needs.</summary>
    public static IReadOnlyList<string> TextInputsOf(byte[] model) =>
        ModelProto.Parser.ParseFrom(model).Graph.Input
            .Where(i => i.Type?.TensorType?.ElemType == (int)TensorProto.Types.DataType.String)
            .Select(i => i.Name)
            .ToArray();

    /// <summary>The positive class's probability for each of <paramref name="rows"/> (a binary model).</summary>
    public float[] PredictPositive(ColumnarTable data, IReadOnlyList<int> rows, int? batchSize = null)
    {
        if (PositiveIndex < 0) throw new InvalidOperationException("A multiclass model has no positive class; use PredictProbabilities.");
        return ClassificationMetrics.Column(PredictProbabilities(data, rows, batchSize), Classes.Count, PositiveIndex);
    }

    /// <summary>Every class's probability for each of <paramref name="rows"/>: row-major [rows, classes]; a regression file's values.</summary>
    public float[] PredictProbabilities(ColumnarTable data, IReadOnlyList<int> rows, int? batchSize = null) =>
        PredictProbabilities(data, rows, -1, rows, batchSize);

    /// <summary>
    /// As <see cref="PredictProbabilities(ColumnarTable, IReadOnlyList{int}, int)"/>, but the input
    /// <paramref name="permutedInput"/> reads its values from <paramref name="permutedRows"/> instead.
    /// </summary>
    internal float[] PredictProbabilities(ColumnarTable data, IReadOnlyList<int> rows, int permutedInput, IReadOnlyList<int> permutedRows, int? rowsAtOnce = null)
    {
        var batchSize = rowsAtOnce ?? BatchRows;
        var classes = Outputs;
        var output = new float[rows.Count * classes];
        var columns = ColumnsOf(data);
        for (var i = 0; i < columns.Length; i++)
            if (columns[i] < 0) throw new InvalidTrainingDataException($"The model needs the column '{_inputs[i].Name}', which the data does not have.");

        for (var start = 0; start < rows.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, rows.Count - start);
            var values = new List<NamedOnnxValue>(_inputs.Length);
            for (var i = 0; i < _inputs.Length; i++)
            {
                var column = data[columns[i]];
                var source = i == permutedInput ? permutedRows : rows;
                values.Add(_inputs[i].Numeric
                    ? NamedOnnxValue.CreateFromTensor(_inputs[i].Name, new DenseTensor<float>(Numbers(column, source, start, count), [count, 1]))
                    : NamedOnnxValue.CreateFromTensor(_inputs[i].Name, new DenseTensor<string>(Texts(column, source, start, count), [count, 1])));
            }
            using var results = _session.Run(values, [_outputs[^1]]);
            var probabilities = results[0].AsTensor<float>();
            for (var r = 0; r < count; r++)
                for (var c = 0; c < classes; c++) output[(start + r) * classes + c] = probabilities[r, c];
        }
        return output;
    }

    /// <summary>Rows [start, start+count) as tensors, for <see cref="Run(PreparedBatch)"/>.</summary>
    public PreparedBatch Prepare(ColumnarTable data, IReadOnlyList<int> rows, int start, int count)
    {
        var columns = ColumnsOf(data);
        var values = new OrtValue[_inputs.Length];
        for (var i = 0; i < _inputs.Length; i++)
        {
            var column = data[columns[i]];
            values[i] = _inputs[i].Numeric
                ? OrtValue.CreateTensorValueFromMemory(Numbers(column, rows, start, count), [count, 1])
                : OrtValue.CreateFromStringTensor(new DenseTensor<string>(Texts(column, rows, start, count), [count, 1]));
        }
        return new PreparedBatch(_inputs.Select(i => i.Name).ToArray(), values);
    }

    // Cells as serving receives them: a number (NaN = missing), or the text ("" = missing).
    private static float[] Numbers(TypedColumn column, IReadOnlyList<int> rows, int start, int count)
    {
        var values = new float[count];
        for (var r = 0; r < count; r++) values[r] = column.Number(rows[start + r]);
        return values;
    }

    private static string[] Texts(TypedColumn column, IReadOnlyList<int> rows, int start, int count)
    {
        var values = new string[count];
        for (var r = 0; r < count; r++) values[r] = column.Text(rows[start + r]) ?? "";
        return values;
    }

    /// <summary>One run of a prepared batch, every output asked for, as serving asks for them.</summary>
    public void Run(PreparedBatch batch)
    {
        using var results = _session.Run(_runOptions, batch.Names, batch.Values, _outputs);
    }

    public int[] ColumnsOf(ColumnarTable data) => _inputs.Select(i => data.ColumnIndex(i.Name)).ToArray();

    private sealed record FeatureEntry([property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind);

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
