using Platform.Inference.Domain;

namespace Platform.Inference.Tests;

/// <summary>Live quality from labelled predictions: binary ROC-AUC and accuracy; multiclass accuracy alone (ADR 25).</summary>
public sealed class LiveQualityTests
{
    private static readonly Guid Version = Guid.NewGuid();

    [Fact]
    public void A_binary_window_has_the_positive_class_roc_auc_and_accuracy()
    {
        LabelledPrediction[] window = [new(0.9, "bad", "bad"), new(0.4, "bad", "good"), new(0.2, "good", "good"), new(0.6, "good", "bad")];

        var quality = LiveQuality.Measure(Version, 4, window, "bad", null);

        // Positives 0.9, 0.4 against negatives 0.2, 0.6: three of four pairs ranked right.
        Assert.Equal(0.75, quality.RocAuc);
        Assert.Equal(0.5, quality.Accuracy);
    }

    [Fact]
    public void A_multiclass_window_has_accuracy_and_no_roc_auc()
    {
        LabelledPrediction[] window = [new(0.7, "fixed", "fixed"), new(0.5, "others", "partime"), new(0.6, "freelance", "freelance")];

        var quality = LiveQuality.Measure(Version, 3, window, null, null);

        Assert.Null(quality.RocAuc);
        Assert.Equal(2 / 3.0, quality.Accuracy!.Value, 12);
    }
}
