using Google.Protobuf;
using Platform.Inference.Onnx.Proto;
using Platform.Inference.Serving;

namespace Platform.Inference.Onnx;

/// <summary>
/// A network file read at load so its explanations can be computed from its weights (ADR 23,
/// amended): the feature vector goes through float <c>Gemm</c> layers with <c>Relu</c> between
/// them, ending in the two logits of a binary classifier's <c>Softmax</c> (its log-odds are their
/// difference) or in a regression's <c>value</c> (ADR 31). Which raw input owns each feature slot
/// is read from the graph as for the trees, and the file is loaded again with the feature vector as
/// an extra output. Anything else — int8 weights, more than two classes, a blend's Mean — is null
/// and explained by sampling.
/// </summary>
internal sealed record NetworkFile(byte[] File, IReadOnlyList<NetworkLayer> Layers, string FeaturesOutput, string[] SlotOwners, bool Regression)
{
    private const string ProbabilitiesOutput = "probabilities";

    /// <summary>The explaining graph's output: each instance's credits, [N, inputs] in the graph's input order.</summary>
    public const string CreditsOutput = "explanation.credits";

    /// <summary>The explained score's weights over the last layer's outputs: a binary classifier's second logit against its first, or the value.</summary>
    public double[] ScoreWeights => Regression ? [1.0] : [-1.0, 1.0];

    /// <param name="output">The scores the network must make: the file's own by default, or a blend member's.</param>
    public static NetworkFile? Read(byte[] file, string? output = null)
    {
        if (OnnxGraph.Parse(file) is not { } model) return null;
        var graph = new OnnxGraph(model.Graph);
        var regression = OnnxGraph.IsRegression(model);
        output ??= regression ? OnnxSignatureReader.ValueOutput : ProbabilitiesOutput;

        // Walk back from the output: [Softmax ←] Gemm (← Relu ← Gemm)* ← the feature vector.
        var last = graph.Producer(output);
        if (!regression)
        {
            if (last is not { OpType: "Softmax", Input: [var logits] } || OnnxGraph.Int(last, "axis", -1) is not (1 or -1)) return null;
            last = graph.Producer(logits);
        }
        var layers = new List<NetworkLayer>();
        var node = last;
        string features;
        while (true)
        {
            if (node is not { OpType: "Gemm", Input: [var input, var weight, var bias], Output: [var preActivation] } gemm
                || Layer(graph, gemm, weight, bias, preActivation) is not { } layer) return null;
            layers.Add(layer);
            if (graph.Producer(input) is { OpType: "Relu", Input: [var before] })
            {
                node = graph.Producer(before);
                continue;
            }
            features = input;
            break;
        }
        layers.Reverse();
        // A linear model is exact from one order through the session (PredictionExplainer): no second session for it.
        if (layers.Count == 1) return null;
        for (var l = 1; l < layers.Count; l++)
            if (layers[l].Inputs != layers[l - 1].Outputs) return null;
        if (layers[^1].Outputs != (regression ? 1 : 2)) return null;

        if (FeatureSlots.Owners(graph, features) is not { } owners || owners.Length != layers[0].Inputs) return null;
        OnnxGraph.AddFloatOutput(model.Graph, features);
        return new NetworkFile(model.ToByteArray(), layers, features, owners, regression);
    }

    /// <summary>A Gemm of the writer's form (x·Wᵀ + b, W [out, in] and b float constants), or null.</summary>
    private static NetworkLayer? Layer(OnnxGraph graph, NodeProto gemm, string weight, string bias, string preActivation)
    {
        if (OnnxGraph.Int(gemm, "transB", 0) != 1 || OnnxGraph.Int(gemm, "transA", 0) != 0) return null;
        if (OnnxGraph.Attribute(gemm, "alpha") is { F: not 1f } || OnnxGraph.Attribute(gemm, "beta") is { F: not 1f }) return null;
        if (graph.Floats(weight) is not { Length: > 0 } w || graph.Floats(bias) is not { Length: > 0 } b || w.Length % b.Length != 0) return null;
        return new NetworkLayer(w, b, w.Length / b.Length, b.Length) { WeightName = weight, PreActivation = preActivation };
    }

    /// <summary>
    /// The file with DeepLIFT's backward pass appended (ADR 23, amended), so that ONNX Runtime
    /// computes the credits of a whole batch with its own matrix products in the run that scores it:
    /// each hidden layer's rescale factors (Δ ReLU output / Δ pre-activation against the
    /// baseline's, as one quotient that is finite everywhere), the multipliers carried back through
    /// the layers' own weight initializers (MatMul by W [out, in]), times the feature vector's
    /// change from the baseline's, summed per raw input by a 0/1 matrix. The baseline's feature
    /// vector and pre-activations are constants, computed once (<see cref="DeepLiftBaseline"/>).
    /// </summary>
    public byte[] Explaining(DeepLiftBaseline reference, int[] slotInputs, int inputs)
    {
        var output = ScoreWeights;
        var model = ModelProto.Parser.ParseFrom(File);
        var g = model.Graph;
        var n = 0;
        string Named(string output, string op, params string[] operands)
        {
            var node = new NodeProto { OpType = op, Name = $"explanation.{op.ToLowerInvariant()}{n++}" };
            node.Input.AddRange(operands);
            node.Output.Add(output);
            g.Node.Add(node);
            return output;
        }
        string Node(string op, params string[] operands) => Named($"explanation.{op.ToLowerInvariant()}{n}", op, operands);
        string Constant(string name, double[] values, params long[] dims)
        {
            var tensor = new TensorProto { Name = $"explanation.{name}", DataType = (int)OnnxGraph.ElementType.Float };
            tensor.Dims.AddRange(dims);
            tensor.FloatData.AddRange(values.Select(v => (float)v));
            g.Initializer.Add(tensor);
            return tensor.Name;
        }

        string BoolConstant(string name, bool[] values, params long[] dims)
        {
            var tensor = new TensorProto { Name = $"explanation.{name}", DataType = (int)OnnxGraph.ElementType.Bool };
            tensor.Dims.AddRange(dims);
            tensor.RawData = ByteString.CopyFrom([.. values.Select(v => (byte)(v ? 1 : 0))]);
            g.Initializer.Add(tensor);
            return tensor.Name;
        }

        var last = Layers.Count - 1;
        // The last layer's multipliers are the explained score's weights over its outputs, a constant: c = output · W_L.
        var carried = new double[Layers[last].Inputs];
        for (var o = 0; o < output.Length; o++)
            for (var j = 0; j < carried.Length; j++) carried[j] += output[o] * Layers[last].Weight[o * Layers[last].Inputs + j];
        var multiplier = Constant("carried", carried, 1, carried.Length);
        for (var l = last - 1; l >= 0; l--)
        {
            // The rescale factor m = (a − a0) / (z − z0) of each unit, z its pre-activation, a = ReLU(z), z0 and a0
            // the baseline's, as one quotient whose per-unit constants keep it finite, with no test of the instance:
            // z0 > 0: m = z0 / (z0 + ReLU(−z))  (1 where z > 0);  z0 ≤ 0: m = ReLU(z) / (ReLU(z) − z0), z0 = 0 taken as
            // −1e-30 so that m is ReLU's slope there (1 where z > 0, 0 elsewhere). With r = ReLU(z × F), F = −1 where
            // z0 > 0 and 1 elsewhere: m = (z0 > 0 ? z0 : r) / (r + T), T = z0 > 0 ? z0 : max(−z0, 1e-30). Six elementwise
            // nodes a layer with the multiplier's product: at 100 instances they cost as much as the layer's MatMul.
            var z0 = reference.BaselinePreActivation(l);
            double[] Per(Func<double, double> value) => [.. z0.Select(value)];
            var units = z0.Length;
            var r = Node("Relu", Node("Mul", Layers[l].PreActivation, Constant($"f{l}", Per(v => v > 0 ? -1 : 1), 1, units)));
            var numerator = Node("Where", BoolConstant($"c{l}", [.. z0.Select(v => v > 0)], 1, units), Constant($"q{l}", Per(v => Math.Max(v, 0)), 1, units), r);
            var denominator = Node("Add", r, Constant($"t{l}", Per(v => v > 0 ? v : Math.Max(-v, 1e-30)), 1, units));
            multiplier = Node("MatMul", Node("Div", Node("Mul", multiplier, numerator), denominator), Layers[l].WeightName);
        }
        var change = Node("Sub", FeaturesOutput, Constant("baseline", reference.BaselineFeatures, 1, reference.Width));
        var owners = new double[SlotOwners.Length * inputs];
        for (var s = 0; s < slotInputs.Length; s++) owners[s * inputs + slotInputs[s]] = 1;
        Named(CreditsOutput, "MatMul", Node("Mul", multiplier, change), Constant("owners", owners, SlotOwners.Length, inputs));
        OnnxGraph.AddFloatOutput(g, CreditsOutput);
        return model.ToByteArray();
    }
}

/// <summary>A dense layer as the file holds it: <see cref="Weight"/> row-major [Outputs, Inputs], its initializer's name and its Gemm's output.</summary>
internal sealed record NetworkLayer(float[] Weight, float[] Bias, int Inputs, int Outputs)
{
    public string WeightName { get; init; } = "";
    public string PreActivation { get; init; } = "";
}
