namespace Platform.Tabular.Evaluation;

/// <summary>
/// Regression quality on held-out rows: root mean squared error and mean absolute error in the
/// target's units, and R², the share of the rows' variance around their own mean that the model
/// explains (1 is perfect, 0 is no better than predicting that mean, negative is worse). R² is the
/// task's quality metric: higher-is-better and unit-free like ROC-AUC (ADR 31).
/// </summary>
public sealed record RegressionMetrics(double Rmse, double Mae, double R2, int Rows)
{
    public const string RmseKey = "rmse";
    public const string MaeKey = "mae";
    public const string R2Key = "r2";

    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        [R2Key] = R2,
        [RmseKey] = Rmse,
        [MaeKey] = Mae,
    };

    public static RegressionMetrics Compute(IReadOnlyList<float> actual, IReadOnlyList<float> predicted)
    {
        if (actual.Count != predicted.Count) throw new ArgumentException("One prediction per actual value is needed.");
        if (actual.Count == 0) throw new ArgumentException("There are no rows to measure.");
        double mean = 0;
        for (var i = 0; i < actual.Count; i++) mean += actual[i];
        mean /= actual.Count;
        double squared = 0, absolute = 0, total = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var error = (double)predicted[i] - actual[i];
            squared += error * error;
            absolute += Math.Abs(error);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        // Rows that all hold one value leave nothing to explain (a split LabelledTable refuses): exact
        // scores 1, anything else 0, kept finite so the figure travels as JSON.
        var r2 = total > 0 ? 1 - squared / total : squared == 0 ? 1 : 0;
        return new RegressionMetrics(Math.Sqrt(squared / actual.Count), absolute / actual.Count, r2, actual.Count);
    }

    /// <summary>R² alone, for choosing among candidates.</summary>
    public static double RSquared(IReadOnlyList<float> actual, IReadOnlyList<float> predicted) => Compute(actual, predicted).R2;
}
