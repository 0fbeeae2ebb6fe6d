using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;

namespace Platform.Modeling.Tests;

/// <summary>The tree writer on trees written by hand, so its reading of children, leaves, bias and Platt scaling is checked apart from FastTree.</summary>
public class BoostedTreesOnnxWriterTests
{
    [Fact]
    public void The_file_scores_the_trees_bias_and_platt_scaling_as_written_including_a_tree_that_is_one_leaf()
    {
        var split = TrainingSplit.Prepare(Tables.Request(SyntheticData.Create(600), "outcome", "yes", null, 3));
        // Feature 0 is x, standardised. Tree 0: x <= 0.25 → leaf 0 (-1), else node 1: x <= 1 → leaf 1 (0.5), else leaf 2 (2).
        var splitting = new DecisionTree([0, 0], [0.25f, 1f], [~0, ~1], [1, ~2], [-1f, 0.5f, 2f]);
        var single = new DecisionTree([], [], [], [], [0.75f]);
        var trees = new BoostedTrees([splitting, single], Bias: 0.25, Slope: -1.5, Offset: 0.1);

        var file = BoostedTreesOnnxWriter.Write(split.Pipeline, trees, split.Table.Classes, split.Table.Target);

        var rows = split.TestRows;
        var features = split.Features(rows);
        using var classifier = new OnnxClassifier(file);
        var scores = classifier.PredictPositive(split.Data, rows);
        for (var r = 0; r < rows.Length; r++)
        {
            var x = features[r * split.Pipeline.Width];
            var score = 0.25 + (x <= 0.25f ? -1 : x <= 1f ? 0.5 : 2) + 0.75;
            Assert.Equal(1 / (1 + Math.Exp(-1.5 * score + 0.1)), scores[r], 5);
        }
    }
}
