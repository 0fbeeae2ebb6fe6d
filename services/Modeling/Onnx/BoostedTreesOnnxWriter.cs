using Platform.Modeling.Preprocessing;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;

namespace Platform.Modeling.Onnx;

/// <summary>
/// Writes boosted trees as one classifier file with the same inputs, preprocessing, outputs and
/// metadata as the networks (ADR 3, ADR 22): the feature vector goes through an <c>ai.onnx.ml</c>
/// <c>TreeEnsembleRegressor</c> (the summed score), then the Platt scaling as Mul, Add and Sigmoid.
/// Multiclass: one ensemble per class against the rest, as the regressor's targets, each scaled by
/// its own Platt pair, then divided by their sum so that the probabilities add up to one.
/// </summary>
public static class BoostedTreesOnnxWriter
{
    public static byte[] Write(FeaturePipeline pipeline, BoostedTrees model, IReadOnlyList<string> classes, string target) =>
        Write(pipeline, [model], classes, target);

    /// <param name="models">Binary: one, for the positive class. Multiclass: one per class, in the classes' order.</param>
    public static byte[] Write(FeaturePipeline pipeline, IReadOnlyList<BoostedTrees> models, IReadOnlyList<string> classes, string target)
    {
        var binary = classes.Count == 2;
        if (models.Count != (binary ? 1 : classes.Count))
            throw new ArgumentException($"{(binary ? 1 : classes.Count)} ensembles are needed for {classes.Count} classes.", nameof(models));
        var (graph, features) = ClassifierOnnxWriter.Begin(pipeline, classes);
        var count = models.Count;
        var score = Ensemble(graph, features, models, "trees.score");

        // P = 1 / (1 + exp(slope × score + offset)) = Sigmoid(-slope × score - offset), per target.
        var scaled = graph.Node("Mul", [score, graph.Floats("platt.slope", models.Select(m => (float)-m.Slope).ToArray(), count)], "platt.scaled");
        var logit = graph.Node("Add", [scaled, graph.Floats("platt.offset", models.Select(m => (float)-m.Offset).ToArray(), count)], "platt.logit");
        string probabilities;
        if (binary)
        {
            var positive = graph.Node("Sigmoid", [logit], "positive");
            var negative = graph.Node("Sub", [graph.Floats("one", [1f], 1), positive], "negative");
            probabilities = graph.Node("Concat", [negative, positive], ModelMetadata.ProbabilitiesOutput, Attribute("axis", 1));
        }
        else
        {
            var perClass = graph.Node("Sigmoid", [logit], "per_class");
            var sum = graph.Node("ReduceSum", [perClass, graph.Int64s("sum.axes", [1L], 1)], "per_class.sum", Attribute("keepdims", 1));
            probabilities = graph.Node("Div", [perClass, sum], ModelMetadata.ProbabilitiesOutput);
        }
        return ClassifierOnnxWriter.Finish(graph, probabilities, pipeline, classes, target, ModelFamilies.BoostedTrees);
    }

    /// <summary>
    /// A regression of a boosted-trees model (ADR 31): the feature vector through one
    /// <c>TreeEnsembleRegressor</c> whose sum is the <c>value</c> output itself (FastTree's
    /// regression trees add up to the prediction; there is no calibration).
    /// </summary>
    public static byte[] WriteRegression(FeaturePipeline pipeline, BoostedTrees model, string target)
    {
        var (graph, features) = ClassifierOnnxWriter.Begin(pipeline, RegressionOnnxWriter.GraphName);
        Ensemble(graph, features, [model], ModelMetadata.ValueOutput);
        return RegressionOnnxWriter.Finish(graph, pipeline, target, ModelFamilies.BoostedTrees);
    }

    /// <summary>The ensembles as one <c>TreeEnsembleRegressor</c> with a target per ensemble, writing <paramref name="output"/> [N, ensembles].</summary>
    private static string Ensemble(OnnxGraphBuilder graph, string features, IReadOnlyList<BoostedTrees> models, string output)
    {
        List<long> treeIds = [], nodeIds = [], featureIds = [], trueIds = [], falseIds = [];
        List<string> modes = [];
        List<float> thresholds = [];
        List<long> leafTrees = [], leafNodes = [], leafTargets = [];
        List<float> leafWeights = [];
        // Trees are numbered across the ensembles; each leaf adds to its ensemble's target.
        var offset = 0;
        for (var m = 0; m < models.Count; m++)
        {
            foreach (var tree in models[m].Trees)
            {
                var t = offset++;
                var internalNodes = tree.Features.Length;
                // Internal nodes keep their index; leaf j follows them, at internalNodes + j.
                long Id(int child) => child < 0 ? internalNodes + ~child : child;
                for (var n = 0; n < internalNodes; n++)
                {
                    treeIds.Add(t); nodeIds.Add(n); featureIds.Add(tree.Features[n]); modes.Add("BRANCH_LEQ");
                    thresholds.Add(tree.Thresholds[n]); trueIds.Add(Id(tree.Left[n])); falseIds.Add(Id(tree.Right[n]));
                }
                for (var j = 0; j < tree.Leaves.Length; j++)
                {
                    treeIds.Add(t); nodeIds.Add(internalNodes + j); featureIds.Add(0); modes.Add("LEAF");
                    thresholds.Add(0f); trueIds.Add(0); falseIds.Add(0);
                    leafTrees.Add(t); leafNodes.Add(internalNodes + j); leafTargets.Add(m); leafWeights.Add(tree.Leaves[j]);
                }
            }
        }

        return graph.Node("TreeEnsembleRegressor", MlDomain, [features], output,
            Attribute("n_targets", models.Count),
            Attribute("aggregate_function", "SUM"),
            Attribute("post_transform", "NONE"),
            Attribute("base_values", models.Select(m => (float)m.Bias).ToArray()),
            Attribute("nodes_treeids", treeIds), Attribute("nodes_nodeids", nodeIds),
            Attribute("nodes_featureids", featureIds), Attribute("nodes_modes", modes),
            Attribute("nodes_values", thresholds),
            Attribute("nodes_truenodeids", trueIds), Attribute("nodes_falsenodeids", falseIds),
            Attribute("target_treeids", leafTrees), Attribute("target_nodeids", leafNodes),
            Attribute("target_ids", leafTargets), Attribute("target_weights", leafWeights));
    }
}
