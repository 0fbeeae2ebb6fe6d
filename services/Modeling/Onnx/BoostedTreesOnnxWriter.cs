using Platform.Modeling.Preprocessing;
using static Platform.Modeling.Onnx.OnnxGraphBuilder;

namespace Platform.Modeling.Onnx;

/// <summary>
/// Writes boosted trees as one classifier file with the same inputs, preprocessing, outputs and
/// metadata as the networks (ADR 3, ADR 22): the feature vector goes through an <c>ai.onnx.ml</c>
/// <c>TreeEnsembleRegressor</c> (the summed score), then the Platt scaling as Mul, Add and Sigmoid.
/// </summary>
public static class BoostedTreesOnnxWriter
{
    public static byte[] Write(FeaturePipeline pipeline, BoostedTrees model, IReadOnlyList<string> classes, string target)
    {
        var (graph, features) = ClassifierOnnxWriter.Begin(pipeline, classes);

        List<long> treeIds = [], nodeIds = [], featureIds = [], trueIds = [], falseIds = [];
        List<string> modes = [];
        List<float> thresholds = [];
        List<long> leafTrees = [], leafNodes = [], leafTargets = [];
        List<float> leafWeights = [];
        for (var t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
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
                leafTrees.Add(t); leafNodes.Add(internalNodes + j); leafTargets.Add(0); leafWeights.Add(tree.Leaves[j]);
            }
        }

        var score = graph.Node("TreeEnsembleRegressor", MlDomain, [features], "trees.score",
            Attribute("n_targets", 1),
            Attribute("aggregate_function", "SUM"),
            Attribute("post_transform", "NONE"),
            Attribute("base_values", [(float)model.Bias]),
            Attribute("nodes_treeids", treeIds), Attribute("nodes_nodeids", nodeIds),
            Attribute("nodes_featureids", featureIds), Attribute("nodes_modes", modes),
            Attribute("nodes_values", thresholds),
            Attribute("nodes_truenodeids", trueIds), Attribute("nodes_falsenodeids", falseIds),
            Attribute("target_treeids", leafTrees), Attribute("target_nodeids", leafNodes),
            Attribute("target_ids", leafTargets), Attribute("target_weights", leafWeights));

        // P = 1 / (1 + exp(slope × score + offset)) = Sigmoid(-slope × score - offset).
        var scaled = graph.Node("Mul", [score, graph.Floats("platt.slope", [(float)-model.Slope], 1)], "platt.scaled");
        var logit = graph.Node("Add", [scaled, graph.Floats("platt.offset", [(float)-model.Offset], 1)], "platt.logit");
        var positive = graph.Node("Sigmoid", [logit], "positive");
        var negative = graph.Node("Sub", [graph.Floats("one", [1f], 1), positive], "negative");
        var probabilities = graph.Node("Concat", [negative, positive], ModelMetadata.ProbabilitiesOutput, Attribute("axis", 1));
        return ClassifierOnnxWriter.Finish(graph, probabilities, pipeline, classes, target, ModelFamilies.BoostedTrees);
    }
}
