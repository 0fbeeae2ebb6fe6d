using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Inference.Onnx;

namespace Platform.Inference.Serving;

/// <summary>An ONNX Runtime session scoring batches; <c>Run</c> is thread-safe, so requests share one session.</summary>
public sealed class OnnxScoringModel : ITreeExplainedModel
{
    private static readonly string[] Outputs = [OnnxSignatureReader.LabelOutput, OnnxSignatureReader.ProbabilitiesOutput];

    // The trees' explanation must reproduce the file's own probability; a reading that does not is not used.
    private const double BaselineTolerance = 1e-5;

    private readonly InferenceSession _session;
    // label, probabilities and the trees' feature vector: what an explained request's one run returns.
    private readonly string[] _explainedOutputs = [];

    /// <summary>A session of a file as it is: its explanations are sampled (ADR 23).</summary>
    public OnnxScoringModel(InferenceSession session) : this(session, trees: null)
    {
    }

    private OnnxScoringModel(InferenceSession session, TreeEnsembleFile? trees)
    {
        _session = session;
        Signature = OnnxSignatureReader.Read(session);
        if (trees is not null && Explainer(trees) is { } explainer)
        {
            TreeShap = explainer;
            _explainedOutputs = [.. Outputs, trees.FeaturesOutput];
        }
    }

    /// <summary>
    /// Loads a model file into a session made by <paramref name="createSession"/>. A binary
    /// boosted-trees file has its trees read first (once per model) and its session made of the
    /// file with the trees' feature vector as an extra output, for <see cref="TreeShap"/>; any other
    /// file is loaded as it is.
    /// </summary>
    public static OnnxScoringModel Load(byte[] file, Func<byte[], InferenceSession> createSession)
    {
        var trees = TreeEnsembleFile.Read(file);
        var session = createSession(trees?.File ?? file);
        try
        {
            return new OnnxScoringModel(session, trees);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public ModelSignature Signature { get; }

    public TreeShapExplainer? TreeShap { get; }

    public IReadOnlyList<Prediction> Score(FeatureBatch batch)
    {
        using var results = Run(batch, Outputs);
        return ToPredictions(results[0], results[1], batch.Count);
    }

    public (IReadOnlyList<Prediction> Predictions, float[] Features) ScoreWithFeatureVectors(FeatureBatch batch)
    {
        if (TreeShap is null) throw new InvalidOperationException("This model's file has no tree ensemble serving reads.");
        using var results = Run(batch, _explainedOutputs);
        return (ToPredictions(results[0], results[1], batch.Count), results[2].GetTensorDataAsSpan<float>().ToArray());
    }

    public void Dispose() => _session.Dispose();

    /// <summary>One run of the session for the named outputs; the caller disposes them.</summary>
    private IDisposableReadOnlyCollection<OrtValue> Run(FeatureBatch batch, string[] outputs)
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
            return _session.Run(runOptions, names, values, outputs);
        }
        finally
        {
            foreach (var value in values) value?.Dispose();
        }
    }

    /// <summary>
    /// The explainer of the trees read from the file, if they explain the positive class (the
    /// second column of <c>probabilities</c>) and reproduce the file's own probability for the
    /// baseline, the instance with every input missing, whose feature vector it keeps.
    /// </summary>
    private TreeShapExplainer? Explainer(TreeEnsembleFile trees)
    {
        var inputs = Signature.Inputs;
        if (Signature.BinaryPositiveClass != Signature.Classes[1]) return null;
        var index = inputs.Select((input, i) => (input.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var slotInputs = new int[trees.SlotOwners.Length];
        for (var s = 0; s < slotInputs.Length; s++)
            if (!index.TryGetValue(trees.SlotOwners[s], out slotInputs[s])) return null;

        var baseline = new FeatureBatch(1, [.. inputs.Select(input => input.Kind == FeatureKind.Numeric
            ? (FeatureColumn)new NumericColumn(input.Name, [float.NaN])
            : new CategoricalColumn(input.Name, [""]))]);
        float[] features;
        double positive;
        using (var results = Run(baseline, [OnnxSignatureReader.ProbabilitiesOutput, trees.FeaturesOutput]))
        {
            positive = results[0].GetTensorDataAsSpan<float>()[1];
            features = results[1].GetTensorDataAsSpan<float>().ToArray();
        }
        if (features.Length != slotInputs.Length) return null;

        var explainer = new TreeShapExplainer(trees.Trees, slotInputs, inputs.Count, features, trees.Scale, trees.Offset);
        return Math.Abs(1 / (1 + Math.Exp(-explainer.BaseLogOdds)) - positive) <= BaselineTolerance ? explainer : null;
    }

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
