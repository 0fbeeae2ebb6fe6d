using Platform.Tabular.Evaluation;
using Platform.Modeling.Evaluation;

namespace Platform.Modeling.Tests;

public class ClassificationMetricsTests
{
    [Fact]
    public void Metrics_match_values_computed_by_hand()
    {
        // Positives score 0.9 and 0.4, negatives 0.8 and 0.1: 3 of the 4 positive-negative pairs are ordered right.
        bool[] actual = [true, false, true, false];
        float[] p = [0.9f, 0.8f, 0.4f, 0.1f];

        var metrics = ClassificationMetrics.Compute(actual, p);

        Assert.Equal(0.75, metrics.RocAuc, 12);
        Assert.Equal(0.5, metrics.Accuracy, 12);   // right: 0.9 (tp), 0.1 (tn)
        Assert.Equal(0.5, metrics.Precision, 12);  // tp 1, fp 1 (0.8)
        Assert.Equal(0.5, metrics.Recall, 12);     // tp 1, fn 1 (0.4)
        Assert.Equal(0.5, metrics.F1, 12);
        var logLoss = -(Math.Log(0.9f) + Math.Log(1 - 0.8f) + Math.Log(0.4f) + Math.Log(1 - 0.1f)) / 4;
        Assert.Equal(logLoss, metrics.LogLoss, 6);
        Assert.Equal(4, metrics.Rows);
    }

    [Fact]
    public void Tied_scores_count_half_a_pair()
    {
        // Pairs: (0.5 vs 0.5) tie = 0.5, (0.5 vs 0.2) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.2) = 1 → 3.5 / 4.
        Assert.Equal(0.875, ClassificationMetrics.AreaUnderRoc([true, false, true, false], [0.5f, 0.5f, 0.9f, 0.2f]), 12);
        Assert.Equal(0.5, ClassificationMetrics.AreaUnderRoc([true, false], [0.3f, 0.3f]), 12);
    }

    [Fact]
    public void A_perfect_and_a_reversed_ranking()
    {
        Assert.Equal(1.0, ClassificationMetrics.AreaUnderRoc([false, false, true], [0.1f, 0.2f, 0.3f]), 12);
        Assert.Equal(0.0, ClassificationMetrics.AreaUnderRoc([true, false, false], [0.1f, 0.2f, 0.3f]), 12);
    }

    [Fact]
    public void Auc_needs_both_classes()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.AreaUnderRoc([true, true], [0.1f, 0.2f]));
    }

    [Fact]
    public void Threshold_metrics_are_zero_when_nothing_is_predicted_positive()
    {
        var metrics = ClassificationMetrics.Compute([true, false], [0.2f, 0.1f]);
        Assert.Equal(0, metrics.Precision);
        Assert.Equal(0, metrics.Recall);
        Assert.Equal(0, metrics.F1);
        Assert.Equal(0.5, metrics.Accuracy, 12);
    }
}
