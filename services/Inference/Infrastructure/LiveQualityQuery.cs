using Microsoft.EntityFrameworkCore;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

/// <summary>Live quality of a model version from its labelled served predictions, in SQL up to the window.</summary>
public static class LiveQualityQuery
{
    /// <param name="regression">The model is a regression's (ADR 31): R² and RMSE instead of ROC-AUC and accuracy.</param>
    public static async Task<LiveQuality> MeasureAsync(
        this InferenceDbContext db, DeploymentKey deployment, Guid modelVersionId, string? positiveClass, int windowRows, CancellationToken ct,
        bool regression = false)
    {
        var labelled = db.ServedPredictions.AsNoTracking()
            .Where(p => p.TenantId == deployment.TenantId && p.DeploymentName == deployment.Name && p.ModelVersionId == modelVersionId && p.Label != null);
        var count = await labelled.LongCountAsync(ct);
        var window = await labelled
            .OrderByDescending(p => p.LabelledAt)
            .Take(windowRows)
            .Select(p => new { p.PositiveProbability, Label = p.Label!, p.PredictedLabel, p.LabelledAt })
            .ToListAsync(ct);
        var rows = window.Select(w => new LabelledPrediction(w.PositiveProbability, w.Label, w.PredictedLabel)).ToArray();
        var measuredAt = window.Count == 0 ? null : window.Max(w => w.LabelledAt);
        return regression
            ? LiveQuality.MeasureRegression(modelVersionId, count, rows, measuredAt)
            : LiveQuality.Measure(modelVersionId, count, rows, positiveClass, measuredAt);
    }
}
