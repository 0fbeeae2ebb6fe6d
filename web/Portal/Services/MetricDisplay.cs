using System.Globalization;
using Platform.Contracts.Solutions;

namespace Platform.Portal.Services;

/// <summary>
/// How the portal names and shows the registry's metrics. Every caption that names a model's
/// quality asks <see cref="QualityName"/>: the registry's fields for it keep their historical names
/// (<c>TestAuc</c>, <c>ValidationAuc</c>, <c>AucDelta</c>) and carry R² for a regression deployment
/// (ADR 31), so the page, not the field, says which metric a figure is.
/// </summary>
public static class MetricDisplay
{
    /// <summary>A metric's key in a version's <c>Metrics</c>, as a person reads it.</summary>
    public static string Name(string metric) => metric switch
    {
        "rocAuc" => "ROC-AUC",
        "r2" => "R²",
        "rmse" => "RMSE",
        "mae" => "MAE",
        "logLoss" => "log loss",
        "f1" => "F1",
        "epsilon" => "privacy ε spent (DP-SGD, RDP accountant)",
        "delta" => "privacy δ",
        _ => metric,
    };

    /// <summary>The name of the metric that chooses, gates and promotes a task's models: ROC-AUC, or R² for regression.</summary>
    public static string QualityName(string? task) => Name(SolutionTemplates.QualityMetric(task));

    /// <summary>
    /// The test metrics shown beside the quality metric: accuracy and F1 for classes, RMSE and MAE
    /// (in the target's units) for a number.
    /// </summary>
    public static IReadOnlyList<string> SecondaryMetrics(string? task) =>
        task == SolutionTemplates.Regression ? ["rmse", "mae"] : ["accuracy", "f1"];

    /// <summary>
    /// A metric's value: scores between 0 and 1 to four places; errors in the target's units as the
    /// target itself is shown, since four places of a price in thousands are noise; δ in G3, as it is tiny.
    /// </summary>
    public static string Value(string metric, double value) => metric switch
    {
        "rmse" or "mae" => TargetValue.Format(value),
        "delta" => value.ToString("G3", CultureInfo.InvariantCulture),
        _ => value.ToString("F4", CultureInfo.InvariantCulture),
    };
}
