using System.Text.Json;

namespace Platform.Inference.Tests.Onnx;

/// <summary>
/// A hand-built model with the platform's ONNX interface (ADR 0003): a numeric input <c>age</c>
/// (float [N,1]) and a categorical input <c>region</c> (string [N,1]); outputs <c>label</c>
/// (string [N]) and <c>probabilities</c> (float [N,2]) over <c>["bad","good"]</c>, with
/// p(good) = sigmoid(<paramref name="weight"/> × age + 1 if region is "north"). Missing values
/// are imputed: NaN age as 0, an empty or unseen region as "not north".
/// </summary>
internal static class TestModel
{
    private const int Float = 1, Int64 = 7, String = 8;
    private const int AttributeInt = 2, AttributeInts = 7, AttributeStrings = 8;

    public static byte[] Build(float weight = 0.1f, bool withClasses = true)
    {
        var graph = new ProtoWriter()
            .String(2, "test-classifier")
            .Message(11, Input("age", Float))
            .Message(11, Input("region", String))
            .Message(12, Output("label", String, 1))
            .Message(12, Output("probabilities", Float, 2))
            .Message(5, FloatTensor("weight", [weight]))
            .Message(5, FloatTensor("one", [1f]))
            .Message(5, StringTensor("classes", ["bad", "good"]))
            // NaN → 0: IsNaN then Where(isnan, 0, age)
            .Message(1, Node("IsNaN", ["age"], ["age_missing"]))
            .Message(1, Node("Where", ["age_missing", "zero", "age"], ["age_imputed"]))
            .Message(5, FloatTensor("zero", [0f]))
            .Message(1, Node("Mul", ["age_imputed", "weight"], ["age_term"]))
            .Message(1, Node("CategoryMapper", ["region"], ["region_index"], "ai.onnx.ml",
                new ProtoWriter().String(1, "cats_strings").String(9, "north").Varint(20, AttributeStrings),
                new ProtoWriter().String(1, "cats_int64s").Varint(8, 1).Varint(20, AttributeInts),
                new ProtoWriter().String(1, "default_int64").Varint(3, 0).Varint(20, AttributeInt)))
            .Message(1, Node("Cast", ["region_index"], ["region_term"], null,
                new ProtoWriter().String(1, "to").Varint(3, Float).Varint(20, AttributeInt)))
            .Message(1, Node("Add", ["age_term", "region_term"], ["logit"]))
            .Message(1, Node("Sigmoid", ["logit"], ["p_good"]))
            .Message(1, Node("Sub", ["one", "p_good"], ["p_bad"]))
            .Message(1, Node("Concat", ["p_bad", "p_good"], ["probabilities"], null,
                new ProtoWriter().String(1, "axis").Varint(3, 1).Varint(20, AttributeInt)))
            .Message(1, Node("ArgMax", ["probabilities"], ["label_index"], null,
                new ProtoWriter().String(1, "axis").Varint(3, 1).Varint(20, AttributeInt),
                new ProtoWriter().String(1, "keepdims").Varint(3, 0).Varint(20, AttributeInt)))
            .Message(1, Node("Gather", ["classes", "label_index"], ["label"]));

        var model = new ProtoWriter()
            .Varint(1, 8)                                                       // ir_version
            .String(2, "Platform.Inference.Tests")
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 17))          // opset_import: ai.onnx 17
            .Message(8, new ProtoWriter().String(1, "ai.onnx.ml").Varint(2, 3))
            .Message(7, graph);
        if (withClasses) model.Message(14, Metadata("classes", JsonSerializer.Serialize(new[] { "bad", "good" })));
        return model
            .Message(14, Metadata("positive_class", "good"))
            .Message(14, Metadata("target", "risk"))
            .Message(14, Metadata("features", """[{"name":"age","kind":"numeric"},{"name":"region","kind":"categorical"}]"""))
            .ToArray();
    }

    /// <summary>What the graph computes, for comparing with ONNX Runtime.</summary>
    public static double ProbabilityOfGood(float weight, float age, string region) =>
        1 / (1 + Math.Exp(-((float.IsNaN(age) ? 0 : weight * age) + (region == "north" ? 1 : 0))));

    private static ProtoWriter Input(string name, int elementType) =>
        new ProtoWriter().String(1, name).Message(2, TensorType(elementType, new ProtoWriter().String(2, "N"), new ProtoWriter().Varint(1, 1)));

    private static ProtoWriter Output(string name, int elementType, int rank) => rank == 1
        ? new ProtoWriter().String(1, name).Message(2, TensorType(elementType, new ProtoWriter().String(2, "N")))
        : new ProtoWriter().String(1, name).Message(2, TensorType(elementType, new ProtoWriter().String(2, "N"), new ProtoWriter().Varint(1, 2)));

    private static ProtoWriter TensorType(int elementType, params ProtoWriter[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims) shape.Message(1, dim);
        return new ProtoWriter().Message(1, new ProtoWriter().Varint(1, elementType).Message(2, shape));
    }

    private static ProtoWriter FloatTensor(string name, float[] values)
    {
        var tensor = new ProtoWriter().Varint(1, values.Length).Varint(2, Float).String(8, name);
        foreach (var v in values) tensor.Float(4, v);
        return tensor;
    }

    private static ProtoWriter StringTensor(string name, string[] values)
    {
        var tensor = new ProtoWriter().Varint(1, values.Length).Varint(2, String).String(8, name);
        foreach (var v in values) tensor.String(6, v);
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

    private static ProtoWriter Metadata(string key, string value) => new ProtoWriter().String(1, key).String(2, value);
}
