using System.Globalization;
using Platform.Tabular.Evaluation;

namespace Platform.Inference.Domain;

/// <summary>
/// The serving model's quality on the ground truth received so far: ROC-AUC and accuracy over its
/// most recent labelled predictions (<see cref="WindowRows"/>) out of all it has (<see cref="LabelledRows"/>).
/// A multiclass model's is accuracy alone: a kept prediction holds the probability of one class (the
/// predicted one), and a macro ROC-AUC needs every class's. A regression model's is <see cref="R2"/>
/// and <see cref="Rmse"/> (ADR 31): its kept number is the predicted value and its label the true
/// one, so the window measures them as training measured its test rows; it has no ROC-AUC or accuracy.
/// </summary>
public sealed record LiveQuality(
    Guid ModelVersionId, long LabelledRows, long WindowRows, double? RocAuc, double? Accuracy, DateTimeOffset? MeasuredAt,
    double? R2 = null, double? Rmse = null)
{
    /// <summary>
    /// The task's quality metric (<c>SolutionTemplates.QualityMetric</c>): ROC-AUC, or R² for a
    /// regression model. The contracts that carry live quality have only a ROC-AUC slot, and it is
    /// the one the retraining loop compares with the champion's test metric, so that slot carries this.
    /// </summary>
    public double? QualityMetric => RocAuc ?? R2;

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

    /// <summary>
    /// A regression model's window: <see cref="LabelledPrediction.Probability"/> is the predicted
    /// value and the label the true one as invariant text (feedback refused any other). R² is null
    /// while the labels hold one value (nothing to explain, as ROC-AUC is null with one class); RMSE
    /// is known from one row.
    /// </summary>
    public static LiveQuality MeasureRegression(Guid modelVersionId, long labelledRows, IReadOnlyList<LabelledPrediction> window, DateTimeOffset? measuredAt)
    {
        var actual = new List<float>(window.Count);
        var predicted = new List<float>(window.Count);
        foreach (var row in window)
        {
            // Every label of a regression deployment was checked as a number; a row that is not (a
            // label kept before a model of another task served the deployment) is not measured.
            if (!double.TryParse(row.Label, NumberStyles.Float, CultureInfo.InvariantCulture, out var label) || !double.IsFinite(label)) continue;
            actual.Add((float)label);
            predicted.Add((float)row.Probability);
        }
        if (actual.Count == 0) return new LiveQuality(modelVersionId, labelledRows, 0, null, null, measuredAt);
        var metrics = RegressionMetrics.Compute(actual, predicted);
        var varies = actual.Any(a => a != actual[0]);
        return new LiveQuality(modelVersionId, labelledRows, actual.Count, null, null, measuredAt, varies ? metrics.R2 : null, metrics.Rmse);
    }
}

/// <summary>A served prediction with its ground truth: the kept probability (a regression's value), the true and the predicted class.</summary>
public sealed record LabelledPrediction(double Probability, string Label, string PredictedLabel);
