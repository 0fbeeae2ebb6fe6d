using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Platform.Inference.Onnx;

namespace Platform.Inference.Serving;

/// <summary>An ONNX Runtime session scoring batches; <c>Run</c> is thread-safe, so requests share one session.</summary>
public sealed class OnnxScoringModel : IVectorExplainedModel
{
    private static readonly string[] ClassifierOutputs = [OnnxSignatureReader.LabelOutput, OnnxSignatureReader.ProbabilitiesOutput];
    private static readonly string[] RegressionOutputs = [OnnxSignatureReader.ValueOutput];

    // The trees' explanation must reproduce the file's own probability; a reading that does not is not used.
    private const double BaselineTolerance = 1e-5;
    // A regression file's value is in the target's units and summed in float by ONNX Runtime: the
    // same check, relative to the value's size (a misread tree is off by far more).
    private const double RelativeValueTolerance = 1e-5;

    private readonly InferenceSession _session;
    // A network explained by DeepLIFT: a second session, of the file with its backward pass appended.
    // Apart, because ONNX Runtime runs every node of a session's graph whatever outputs a run asks
    // for: in the one session a plain predict of churn's MLP cost 1.6× the file as written.
    private readonly InferenceSession? _explaining;
    // What a plain run asks for: label and probabilities, or a regression file's value (ADR 31).
    private readonly string[] _outputs;
    // Those and what the vector explainer reads: what an explained request's one run returns.
    private readonly string[] _explainedOutputs = [];

    /// <summary>A session of a file as it is: its explanations are sampled (ADR 23).</summary>
    public OnnxScoringModel(InferenceSession session) : this(session, trees: null)
    {
    }

    private OnnxScoringModel(
        InferenceSession session, TreeEnsembleFile? trees, NetworkFile? network = null, Func<byte[], InferenceSession>? createSession = null, BlendFile? blend = null)
    {
        _session = session;
        Signature = OnnxSignatureReader.Read(session);
        _outputs = Signature.IsRegression ? RegressionOutputs : ClassifierOutputs;
        if (trees is not null && Explainer(trees) is { } explainer)
        {
            TreeShap = explainer;
            VectorExplainer = explainer;
            _explainedOutputs = [.. _outputs, trees.FeaturesOutput];
        }
        else if (blend is not null && createSession is not null && Explainer(blend) is var (members, memberSlots, networkBaseline))
        {
            // Both members' explanations from one run: the trees' feature vector and the network's credits.
            _explaining = createSession(blend.Explaining(networkBaseline, memberSlots, Signature.Inputs.Count));
            VectorExplainer = members;
            _explainedOutputs = [.. _outputs, BlendFile.VectorOutput];
        }
        else if (network is not null && createSession is not null && Explainer(network) is var (deepLift, slotInputs))
        {
            // The backward pass in the graph: ONNX Runtime's matrix products for a whole batch, not a loop per instance here.
            _explaining = createSession(network.Explaining(deepLift, slotInputs, Signature.Inputs.Count));
            VectorExplainer = new GraphDeepLiftExplainer(Signature.Inputs.Count, deepLift.BaseLogOdds);
            _explainedOutputs = [.. _outputs, NetworkFile.CreditsOutput];
        }
    }

    /// <summary>
    /// Loads a model file into a session made by <paramref name="createSession"/>. A boosted-trees,
    /// network or blend file (binary or regression) is read first, once per model, and its session
    /// made of the file with its feature vector as an extra output (which costs a plain predict
    /// nothing); a network or blend also gets a second session, of the file with the network's
    /// backward pass appended, for its explanations (ADR 23). Any other file is loaded as it is.
    /// </summary>
    public static OnnxScoringModel Load(byte[] file, Func<byte[], InferenceSession> createSession)
    {
        var trees = TreeEnsembleFile.Read(file);
        var network = trees is null ? NetworkFile.Read(file) : null;
        var blend = trees is null && network is null ? BlendFile.Read(file) : null;
        var session = createSession(trees?.File ?? network?.File ?? blend?.File ?? file);
        try
        {
            return new OnnxScoringModel(session, trees, network, createSession, blend);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public ModelSignature Signature { get; }

    public TreeShapExplainer? TreeShap { get; }

    public IFeatureVectorExplainer? VectorExplainer { get; }

    public IReadOnlyList<Prediction> Score(FeatureBatch batch)
    {
        using var results = Run(batch, _outputs);
        return ToPredictions(results, batch.Count);
    }

    public (IReadOnlyList<Prediction> Predictions, float[] Features) ScoreWithFeatureVectors(FeatureBatch batch)
    {
        if (VectorExplainer is null) throw new InvalidOperationException("This model's file has no trees or network serving reads.");
        using var results = Run(batch, _explainedOutputs, _explaining);
        return (ToPredictions(results, batch.Count), results[_outputs.Length].GetTensorDataAsSpan<float>().ToArray());
    }

    private Prediction[] ToPredictions(IDisposableReadOnlyCollection<OrtValue> results, int count) =>
        Signature.IsRegression ? ToValues(results[0], count) : ToPredictions(results[0], results[1], count);

    public void Dispose()
    {
        _session.Dispose();
        _explaining?.Dispose();
    }

    /// <summary>One run of <paramref name="session"/> (the plain one by default) for the named outputs; the caller disposes them.</summary>
    private IDisposableReadOnlyCollection<OrtValue> Run(FeatureBatch batch, string[] outputs, InferenceSession? session = null)
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
            return (session ?? _session).Run(runOptions, names, values, outputs);
        }
        finally
        {
            foreach (var value in values) value?.Dispose();
        }
    }

    /// <summary>
    /// The explainer of the trees read from the file, if they explain the positive class (the
    /// second column of <c>probabilities</c>) and reproduce the file's own probability for the
    /// baseline, the instance with every input missing, whose feature vector it keeps. A
    /// regression file's trees are its <c>value</c>, which they must reproduce likewise (ADR 31).
    /// </summary>
    private TreeShapExplainer? Explainer(TreeEnsembleFile trees)
    {
        if (!Signature.IsRegression && Signature.BinaryPositiveClass != Signature.Classes[1]) return null;
        if (Baseline(trees.FeaturesOutput, trees.SlotOwners) is not var (slotInputs, features, score)) return null;
        var explainer = new TreeShapExplainer(trees.Trees, slotInputs, Signature.Inputs.Count, features, trees.Scale, trees.Offset);
        return Reproduces(explainer.BaseLogOdds, score) ? explainer : null;
    }

    /// <summary>
    /// The explainer of a network read from the file (ADR 23, amended: DeepLIFT), if it explains
    /// the positive class's log-odds (the second logit against the first) or a regression's value
    /// and reproduces the file's own score for the baseline.
    /// </summary>
    private (DeepLiftBaseline Baseline, int[] SlotInputs)? Explainer(NetworkFile network)
    {
        if (network.Regression != Signature.IsRegression) return null;
        if (!Signature.IsRegression && Signature.BinaryPositiveClass != Signature.Classes[1]) return null;
        if (Baseline(network.FeaturesOutput, network.SlotOwners) is not var (slotInputs, features, score)) return null;
        var explainer = new DeepLiftBaseline(network.Layers, features, network.ScoreWeights);
        return Reproduces(explainer.BaseLogOdds, score) ? (explainer, slotInputs) : null;
    }

    /// <summary>
    /// The explainer of a blend from its members (ADR 23, amended), if the trees explain the
    /// positive class (or the value), the network's baseline is read, and their combination
    /// reproduces the file's own score for the baseline.
    /// </summary>
    private (BlendExplainer Explainer, int[] SlotInputs, DeepLiftBaseline Network)? Explainer(BlendFile blend)
    {
        if (blend.Regression != Signature.IsRegression) return null;
        if (!Signature.IsRegression && Signature.BinaryPositiveClass != Signature.Classes[1]) return null;
        if (Baseline(blend.Trees.FeaturesOutput, blend.Trees.SlotOwners) is not var (slotInputs, features, score)) return null;
        if (blend.Network.SlotOwners.Length != slotInputs.Length) return null;
        var trees = new TreeShapExplainer(blend.Trees.Trees, slotInputs, Signature.Inputs.Count, features, blend.Trees.Scale, blend.Trees.Offset);
        var network = new DeepLiftBaseline(blend.Network.Layers, features, blend.Network.ScoreWeights);
        var explainer = new BlendExplainer(trees, Signature.Inputs.Count, network.BaseLogOdds, blend.Regression);
        return Reproduces(explainer.BaseLogOdds, score) ? (explainer, slotInputs, network) : null;
    }

    /// <summary>
    /// The baseline instance (every input missing) through the file: each feature slot's input in
    /// the signature's order, its feature vector and its score (the positive class's probability,
    /// or the value); null when a slot's owner is no input.
    /// </summary>
    private (int[] SlotInputs, float[] Features, double Score)? Baseline(string featuresOutput, string[] owners)
    {
        var inputs = Signature.Inputs;
        var index = inputs.Select((input, i) => (input.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var slotInputs = new int[owners.Length];
        for (var s = 0; s < slotInputs.Length; s++)
            if (!index.TryGetValue(owners[s], out slotInputs[s])) return null;

        var baseline = new FeatureBatch(1, [.. inputs.Select(input => input.Kind == FeatureKind.Numeric
            ? (FeatureColumn)new NumericColumn(input.Name, [float.NaN])
            : new CategoricalColumn(input.Name, [""]))]);
        var scored = Signature.IsRegression ? OnnxSignatureReader.ValueOutput : OnnxSignatureReader.ProbabilitiesOutput;
        using var results = Run(baseline, [scored, featuresOutput]);
        var features = results[1].GetTensorDataAsSpan<float>().ToArray();
        return features.Length == slotInputs.Length
            ? (slotInputs, features, results[0].GetTensorDataAsSpan<float>()[Signature.IsRegression ? 0 : 1])
            : null;
    }

    /// <summary>Whether an explainer's baseline log-odds (value) is the file's own baseline score: a misread file is off by far more.</summary>
    private bool Reproduces(double baseLogOdds, double score) => Signature.IsRegression
        ? Math.Abs(baseLogOdds - score) <= RelativeValueTolerance * Math.Max(1, Math.Abs(score))
        : Math.Abs(1 / (1 + Math.Exp(-baseLogOdds)) - score) <= BaselineTolerance;

    private static OrtValue ToTensor(FeatureColumn column, int count)
    {
        long[] shape = [count, 1];
        return column switch
        {
            ImageColumn image => OrtValue.CreateTensorValueFromMemory(image.Values, [count, image.Shape.Channels, image.Shape.Height, image.Shape.Width]),
            NumericColumn numeric => OrtValue.CreateTensorValueFromMemory(numeric.Values, shape),
            CategoricalColumn categorical => OrtValue.CreateFromStringTensor(new DenseTensor<string>(categorical.Values, [count, 1])),
            _ => throw new InvalidOperationException($"Unknown column type {column.GetType().Name}."),
        };
    }

    /// <summary>
    /// A regression file's values: each as the float's shortest invariant text (the label) and that
    /// text's number (the value), so the answer reads 12.3 rather than the float's 12.300000190734863
    /// and turns back into the same float for the Open Inference Protocol's FP32 tensor.
    /// </summary>
    private static Prediction[] ToValues(OrtValue values, int count)
    {
        var v = values.GetTensorDataAsSpan<float>();
        if (v.Length != count) throw new InvalidModelException($"'{OnnxSignatureReader.ValueOutput}' has {v.Length} values for {count} instances");

        var predictions = new Prediction[count];
        for (var row = 0; row < count; row++)
        {
            // JSON has no NaN or infinity, and no kept row should hold one: the request fails before it is billed.
            if (!float.IsFinite(v[row]))
                throw new InvalidOperationException($"The model's value for instance {row} is {v[row].ToString(CultureInfo.InvariantCulture)}, not a finite number.");
            var text = v[row].ToString("R", CultureInfo.InvariantCulture);
            predictions[row] = new Prediction(text, Prediction.NoProbabilities, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        return predictions;
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
