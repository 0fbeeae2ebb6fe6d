using Platform.Tabular.Evaluation;

namespace Platform.Modeling.Evaluation;

/// <summary>
/// A model's test metrics, whatever its task: a classifier's (<see cref="Classification"/>) or a
/// regression's (<see cref="Regression"/>), with the one figure that compares models of the task,
/// <see cref="Quality"/>: ROC-AUC (macro for multiclass) or R² (ADR 31).
/// </summary>
public sealed record ModelMetrics
{
    private ModelMetrics(ClassificationMetrics? classification, RegressionMetrics? regression)
    {
        Classification = classification;
        Regression = regression;
    }

    public ClassificationMetrics? Classification { get; }
    public RegressionMetrics? Regression { get; }

    public static ModelMetrics Of(ClassificationMetrics metrics) => new(metrics, null);
    public static ModelMetrics Of(RegressionMetrics metrics) => new(null, metrics);

    /// <summary>The task's quality figure: higher is better for every task.</summary>
    public double Quality => Classification?.RocAuc ?? Regression!.R2;

    /// <summary>A classifier's ROC-AUC; a regression has none.</summary>
    public double RocAuc => Classification?.RocAuc
        ?? throw new InvalidOperationException("A regression model has no ROC-AUC; its quality is R².");

    public int Rows => Classification?.Rows ?? Regression!.Rows;

    /// <summary>The metrics as published (ModelTrained, ModelCompressed): the task's own names.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => Classification?.ToDictionary() ?? Regression!.ToDictionary();
}
