using Platform.Tabular.Evaluation;

namespace Platform.Inference.Domain;

/// <summary>
/// The serving model's quality on the ground truth received so far: ROC-AUC and accuracy over its
/// most recent labelled predictions (<see cref="WindowRows"/>) out of all it has (<see cref="LabelledRows"/>).
/// A multiclass model's is accuracy alone: a kept prediction holds the probability of one class (the
/// predicted one), and a macro ROC-AUC needs every class's.
/// </summary>
public sealed record LiveQuality(Guid ModelVersionId, long LabelledRows, long WindowRows, double? RocAuc, double? Accuracy, DateTimeOffset? MeasuredAt)
{
    /// <param name="positiveClass">A binary model's positive class (<see cref="LabelledPrediction.Probability"/> is its); null for multiclass.</param>
    public static LiveQuality Measure(Guid modelVersionId, long labelledRows, IReadOnlyList<LabelledPrediction> window, string? positiveClass, DateTimeOffset? measuredAt)
    {
        if (window.Count == 0) return new LiveQuality(modelVersionId, labelledRows, 0, null, null, measuredAt);
        var positives = positiveClass is null ? 0 : window.Count(w => w.Label == positiveClass);
        var auc = positives == 0 || positives == window.Count
            ? (double?)null
            : ClassificationMetrics.AreaUnderRoc(window.Select(w => w.Label == positiveClass).ToArray(), window.Select(w => (float)w.Probability).ToArray());
        var accuracy = (double)window.Count(w => w.Label == w.PredictedLabel) / window.Count;
        return new LiveQuality(modelVersionId, labelledRows, window.Count, auc, accuracy, measuredAt);
    }
}

/// <summary>A served prediction with its ground truth: the kept probability, the true and the predicted class.</summary>
public sealed record LabelledPrediction(double Probability, string Label, string PredictedLabel);
