using Platform.Tabular.Evaluation;

namespace Platform.Inference.Domain;

/// <summary>
/// The serving model's quality on the ground truth received so far: ROC-AUC and accuracy over its
/// most recent labelled predictions (<see cref="WindowRows"/>) out of all it has (<see cref="LabelledRows"/>).
/// </summary>
public sealed record LiveQuality(Guid ModelVersionId, long LabelledRows, long WindowRows, double? RocAuc, double? Accuracy, DateTimeOffset? MeasuredAt)
{
    public static LiveQuality Measure(Guid modelVersionId, long labelledRows, IReadOnlyList<(double Probability, bool Positive, bool PredictedPositive)> window, DateTimeOffset? measuredAt)
    {
        if (window.Count == 0) return new LiveQuality(modelVersionId, labelledRows, 0, null, null, measuredAt);
        var positives = window.Count(w => w.Positive);
        var auc = positives == 0 || positives == window.Count
            ? (double?)null
            : ClassificationMetrics.AreaUnderRoc(window.Select(w => w.Positive).ToArray(), window.Select(w => (float)w.Probability).ToArray());
        var accuracy = (double)window.Count(w => w.Positive == w.PredictedPositive) / window.Count;
        return new LiveQuality(modelVersionId, labelledRows, window.Count, auc, accuracy, measuredAt);
    }
}
