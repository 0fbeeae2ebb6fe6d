using System.Text.Json;

namespace Platform.Inference.Tests.Onnx;

/// <summary>
/// Hand-built regression files in the layout the trainer writes (ADR 31): one [N,1] input per raw
/// column, the preprocessing (a missing number imputed by IsNaN and Where, a category coded by
/// LabelEncoder), and one float output <c>value</c> [N,1]; metadata <c>task</c> = <c>regression</c>,
/// <c>target</c>, <c>features</c>, <c>family</c>, and no classes.
/// </summary>
internal static class RegressionTestModel
{
    private const int Float = 1, String = 8;
    private const int AttributeFloat = 1, AttributeInt = 2, AttributeString = 3, AttributeFloats = 6, AttributeInts = 7, AttributeStrings = 8;

    /// <summary>
    /// Linear regression: value = 10 rooms + 2 area + 25 [city = "north"] + 50, a missing rooms read
    /// as 3 and a missing area as 100 (the "medians"), any other or missing city as 0.
    /// </summary>
    public static byte[] Linear(string output = "value", string? task = "regression", string family = "linear-regression")
    {
        var graph = new ProtoWriter()
            .String(2, "linear-regression")
            .Message(11, Input("rooms", Float)).Message(11, Input("area", Float)).Message(11, Input("city", String))
            .Message(12, Output(output))
            .Message(5, Tensor("rooms.median", [1], [3f])).Message(5, Tensor("area.median", [1], [100f]))
            .Message(5, Tensor("W", [1, 3], [10f, 2f, 25f])).Message(5, Tensor("B", [1], [50f]));
        Impute(graph, "rooms");
        Impute(graph, "area");
        graph.Message(1, Node("LabelEncoder", ["city"], ["city.code"], "ai.onnx.ml",
                Strings("keys_strings", "north"), Floats("values_floats", 1f), FloatAttribute("default_float", 0f)))
            .Message(1, Node("Concat", ["rooms.imputed", "area.imputed", "city.code"], ["features"], null, Int("axis", 1)))
            .Message(1, Node("Gemm", ["features", "W", "B"], [output], null, Int("transB", 1)));
        return Model(graph, task, family, ("rooms", "numeric"), ("area", "numeric"), ("city", "categorical"));
    }

    public static double LinearValue(float rooms, float area, string city) =>
        10 * (float.IsNaN(rooms) ? 3 : rooms) + 2 * (float.IsNaN(area) ? 100 : area) + (city == "north" ? 25 : 0) + 50;

    /// <summary>
    /// Boosted trees: a TreeEnsembleRegressor over [a, b, c's code] (a missing a is 0, a missing b is
    /// 1; c "x" is 1, "y" 2, anything else 0), bias 100, three trees with interactions:
    /// tree 0: a ≤ 1.5 ? (b ≤ 0 ? 10 : −5) : (c ≤ 0.5 ? 3 : 7); tree 1: b ≤ 2 ? (a ≤ −1 ? 1.5 : −2.5) : 4;
    /// tree 2: c ≤ 1.5 ? −1 : 2. With <paramref name="throughMean"/>, the trees' sum goes through a
    /// Mean (as a blend's members do) before it is <c>value</c>.
    /// </summary>
    public static byte[] Trees(bool throughMean = false)
    {
        var sum = throughMean ? "trees.value" : "value";
        var graph = new ProtoWriter()
            .String(2, "boosted-trees")
            .Message(11, Input("a", Float)).Message(11, Input("b", Float)).Message(11, Input("c", String))
            .Message(12, Output("value"))
            .Message(5, Tensor("a.median", [1], [0f])).Message(5, Tensor("b.median", [1], [1f]));
        Impute(graph, "a");
        Impute(graph, "b");
        graph.Message(1, Node("LabelEncoder", ["c"], ["c.code"], "ai.onnx.ml",
                Strings("keys_strings", "x", "y"), Floats("values_floats", 1f, 2f), FloatAttribute("default_float", 0f)))
            .Message(1, Node("Concat", ["a.imputed", "b.imputed", "c.code"], ["features"], null, Int("axis", 1)));

        // (tree, node, slot, threshold, true, false) for splits; (tree, node, value) for leaves.
        (int Tree, int Node, int Slot, float Threshold, int True, int False)[] splits =
        [
            (0, 0, 0, 1.5f, 1, 2), (0, 1, 1, 0f, 3, 4), (0, 2, 2, 0.5f, 5, 6),
            (1, 0, 1, 2f, 1, 2), (1, 1, 0, -1f, 3, 4),
            (2, 0, 2, 1.5f, 1, 2),
        ];
        (int Tree, int Node, float Value)[] leaves =
        [
            (0, 3, 10f), (0, 4, -5f), (0, 5, 3f), (0, 6, 7f),
            (1, 2, 4f), (1, 3, 1.5f), (1, 4, -2.5f),
            (2, 1, -1f), (2, 2, 2f),
        ];
        var nodes = splits.Select(s => (s.Tree, s.Node, s.Slot, Mode: "BRANCH_LEQ", s.Threshold, s.True, s.False))
            .Concat(leaves.Select(l => (l.Tree, l.Node, Slot: 0, Mode: "LEAF", Threshold: 0f, True: 0, False: 0)))
            .OrderBy(n => n.Tree).ThenBy(n => n.Node) // each tree's nodes together, as the writer lays them out
            .ToArray();
        graph.Message(1, Node("TreeEnsembleRegressor", ["features"], [sum], "ai.onnx.ml",
            Int("n_targets", 1), Text("aggregate_function", "SUM"), Text("post_transform", "NONE"), Floats("base_values", 100f),
            Ints("nodes_treeids", nodes.Select(n => (long)n.Tree)), Ints("nodes_nodeids", nodes.Select(n => (long)n.Node)),
            Ints("nodes_featureids", nodes.Select(n => (long)n.Slot)), Strings("nodes_modes", [.. nodes.Select(n => n.Mode)]),
            Floats("nodes_values", [.. nodes.Select(n => n.Threshold)]),
            Ints("nodes_truenodeids", nodes.Select(n => (long)n.True)), Ints("nodes_falsenodeids", nodes.Select(n => (long)n.False)),
            Ints("target_treeids", leaves.Select(l => (long)l.Tree)), Ints("target_nodeids", leaves.Select(l => (long)l.Node)),
            Ints("target_ids", leaves.Select(_ => 0L)), Floats("target_weights", [.. leaves.Select(l => l.Value)])));
        if (throughMean) graph.Message(1, Node("Mean", [sum], ["value"]));
        return Model(graph, "regression", throughMean ? "blend" : "boosted-trees", ("a", "numeric"), ("b", "numeric"), ("c", "categorical"));
    }

    public static double TreesValue(float a, float b, string c)
    {
        a = float.IsNaN(a) ? 0 : a;
        b = float.IsNaN(b) ? 1 : b;
        var code = c == "x" ? 1 : c == "y" ? 2 : 0;
        return 100
            + (a <= 1.5f ? (b <= 0 ? 10 : -5) : (code <= 0.5f ? 3 : 7))
            + (b <= 2 ? (a <= -1 ? 1.5 : -2.5) : 4)
            + (code <= 1.5f ? -1 : 2);
    }

    /// <summary>
    /// An MLP: h = relu([a + b − 1, a − 2b + 0.5]), value = 3 h₀ − 2 h₁ + 10 (Gemm, Relu, Gemm named
    /// <c>value</c>); a missing a is 0, a missing b is 1.
    /// </summary>
    public static byte[] Mlp()
    {
        var graph = new ProtoWriter()
            .String(2, "mlp")
            .Message(11, Input("a", Float)).Message(11, Input("b", Float))
            .Message(12, Output("value"))
            .Message(5, Tensor("a.median", [1], [0f])).Message(5, Tensor("b.median", [1], [1f]))
            .Message(5, Tensor("W1", [2, 2], [1f, 1f, 1f, -2f])).Message(5, Tensor("B1", [2], [-1f, 0.5f]))
            .Message(5, Tensor("W2", [1, 2], [3f, -2f])).Message(5, Tensor("B2", [1], [10f]));
        Impute(graph, "a");
        Impute(graph, "b");
        graph.Message(1, Node("Concat", ["a.imputed", "b.imputed"], ["features"], null, Int("axis", 1)))
            .Message(1, Node("Gemm", ["features", "W1", "B1"], ["hidden"], null, Int("transB", 1)))
            .Message(1, Node("Relu", ["hidden"], ["hidden.relu"]))
            .Message(1, Node("Gemm", ["hidden.relu", "W2", "B2"], ["value"], null, Int("transB", 1)));
        return Model(graph, "regression", "mlp", ("a", "numeric"), ("b", "numeric"));
    }

    public static double MlpValue(float a, float b)
    {
        a = float.IsNaN(a) ? 0 : a;
        b = float.IsNaN(b) ? 1 : b;
        return 3 * Math.Max(0, a + b - 1) - 2 * Math.Max(0, a - 2 * b + 0.5) + 10;
    }

    private static void Impute(ProtoWriter graph, string input) => graph
        .Message(1, Node("IsNaN", [input], [$"{input}.missing"]))
        .Message(1, Node("Where", [$"{input}.missing", $"{input}.median", input], [$"{input}.imputed"]));

    private static byte[] Model(ProtoWriter graph, string? task, string family, params (string Name, string Kind)[] features)
    {
        var model = new ProtoWriter()
            .Varint(1, 8)                                                       // ir_version
            .String(2, "Platform.Inference.Tests")
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 17))          // opset_import: ai.onnx 17
            .Message(8, new ProtoWriter().String(1, "ai.onnx.ml").Varint(2, 3))
            .Message(7, graph);
        if (task is not null) model.Message(14, Metadata("task", task));
        return model
            .Message(14, Metadata("target", "price"))
            .Message(14, Metadata("family", family))
            .Message(14, Metadata("features", JsonSerializer.Serialize(features.Select(f => new { name = f.Name, kind = f.Kind }))))
            .ToArray();
    }

    private static ProtoWriter Input(string name, int elementType) =>
        new ProtoWriter().String(1, name).Message(2, TensorType(elementType, new ProtoWriter().String(2, "N"), new ProtoWriter().Varint(1, 1)));

    private static ProtoWriter Output(string name) =>
        new ProtoWriter().String(1, name).Message(2, TensorType(Float, new ProtoWriter().String(2, "N"), new ProtoWriter().Varint(1, 1)));

    private static ProtoWriter TensorType(int elementType, params ProtoWriter[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims) shape.Message(1, dim);
        return new ProtoWriter().Message(1, new ProtoWriter().Varint(1, elementType).Message(2, shape));
    }

    private static ProtoWriter Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims) tensor.Varint(1, d);
        tensor.Varint(2, Float).String(8, name);
        foreach (var v in values) tensor.Float(4, v);
        return tensor;
    }

    private static ProtoWriter Node(string op, string[] inputs, string[] outputs, string? domain = null, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var i in inputs) node.String(1, i);
        foreach (var o in outputs) node.String(2, o);
        node.String(3, $"{op}_{outputs[0]}").String(4, op);
        foreach (var a in attributes) node.Message(5, a);
        if (domain is not null) node.String(7, domain);
        return node;
    }

    private static ProtoWriter Int(string name, long value) => new ProtoWriter().String(1, name).Varint(3, value).Varint(20, AttributeInt);

    private static ProtoWriter FloatAttribute(string name, float value) => new ProtoWriter().String(1, name).Float(2, value).Varint(20, AttributeFloat);

    private static ProtoWriter Text(string name, string value) => new ProtoWriter().String(1, name).String(4, value).Varint(20, AttributeString);

    private static ProtoWriter Ints(string name, IEnumerable<long> values)
    {
        var attribute = new ProtoWriter().String(1, name);
        foreach (var v in values) attribute.Varint(8, v);
        return attribute.Varint(20, AttributeInts);
    }

    private static ProtoWriter Floats(string name, params float[] values)
    {
        var attribute = new ProtoWriter().String(1, name);
        foreach (var v in values) attribute.Float(7, v);
        return attribute.Varint(20, AttributeFloats);
    }

    private static ProtoWriter Strings(string name, params string[] values)
    {
        var attribute = new ProtoWriter().String(1, name);
        foreach (var v in values) attribute.String(9, v);
        return attribute.Varint(20, AttributeStrings);
    }

    private static ProtoWriter Metadata(string key, string value) => new ProtoWriter().String(1, key).String(2, value);
}
