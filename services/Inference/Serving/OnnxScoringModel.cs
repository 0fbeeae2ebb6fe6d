using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Platform.Inference.Serving;

/// <summary>An ONNX Runtime session scoring batches; <c>Run</c> is thread-safe, so requests share one session.</summary>
public sealed class OnnxScoringModel(InferenceSession session) : IScoringModel
{
    private static readonly string[] Outputs = [OnnxSignatureReader.LabelOutput, OnnxSignatureReader.ProbabilitiesOutput];

    public ModelSignature Signature { get; } = OnnxSignatureReader.Read(session);

    public IReadOnlyList<Prediction> Score(FeatureBatch batch)
    {
        var names = new string[batch.Columns.Count];
        var values = new OrtValue[batch.Columns.Count];
        try
        {
            for (var i = 0; i < batch.Columns.Count; i++)
            {
                names[i] = batch.Columns[i].Name;
                values[i] = ToTensor(batch.Columns[i], batch.Count);
            }
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, names, values, Outputs);
            return ToPredictions(results[0], results[1], batch.Count);
        }
        finally
        {
            foreach (var value in values) value?.Dispose();
        }
    }

    public void Dispose() => session.Dispose();

    private static OrtValue ToTensor(FeatureColumn column, int count)
    {
        long[] shape = [count, 1];
        return column switch
        {
            NumericColumn numeric => OrtValue.CreateTensorValueFromMemory(numeric.Values, shape),
            CategoricalColumn categorical => OrtValue.CreateFromStringTensor(new DenseTensor<string>(categorical.Values, [count, 1])),
            _ => throw new InvalidOperationException($"Unknown column type {column.GetType().Name}."),
        };
    }

    private Prediction[] ToPredictions(OrtValue labels, OrtValue probabilities, int count)
    {
        var classes = Signature.Classes;
        var p = probabilities.GetTensorDataAsSpan<float>();
        if (p.Length != count * classes.Count)
            throw new InvalidModelException($"'probabilities' has {p.Length} values for {count} instances of {classes.Count} classes");

        var predictions = new Prediction[count];
        for (var row = 0; row < count; row++)
        {
            var byClass = new Dictionary<string, double>(classes.Count, StringComparer.Ordinal);
            for (var c = 0; c < classes.Count; c++)
                byClass[classes[c]] = Math.Round(p[row * classes.Count + c], 6); // float noise past 6 digits helps nobody
            predictions[row] = new Prediction(labels.GetStringElement(row), byClass);
        }
        return predictions;
    }
}
