using Microsoft.EntityFrameworkCore;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

/// <summary>Live quality of a model version from its labelled served predictions, in SQL up to the window.</summary>
public static class LiveQualityQuery
{
    public static async Task<LiveQuality> MeasureAsync(
        this InferenceDbContext db, DeploymentKey deployment, Guid modelVersionId, string? positiveClass, int windowRows, CancellationToken ct)
    {
        var labelled = db.ServedPredictions.AsNoTracking()
            .Where(p => p.TenantId == deployment.TenantId && p.DeploymentName == deployment.Name && p.ModelVersionId == modelVersionId && p.Label != null);
        var count = await labelled.LongCountAsync(ct);
        var window = await labelled
            .OrderByDescending(p => p.LabelledAt)
            .Take(windowRows)
            .Select(p => new { p.PositiveProbability, Label = p.Label!, p.PredictedLabel, p.LabelledAt })
            .ToListAsync(ct);
        return LiveQuality.Measure(
            modelVersionId, count,
            window.Select(w => new LabelledPrediction(w.PositiveProbability, w.Label, w.PredictedLabel)).ToArray(), positiveClass,
            window.Count == 0 ? null : window.Max(w => w.LabelledAt));
    }
}
