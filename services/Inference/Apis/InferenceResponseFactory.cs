using Platform.Contracts.Api.Inference;
using Platform.Inference.Domain;

namespace Platform.Inference.Apis;

/// <summary>
/// Inference's records as its API answers them (the shared types in <c>Platform.Contracts.Api.Inference</c>).
/// Here, not beside the types: contracts knows nothing of Inference's domain.
/// </summary>
public static class InferenceResponseFactory
{
    public static DriftSettingsResponse ToResponse(this DriftSettings d) => new(d.PsiThreshold, d.ConsecutiveWindows, d.WindowRows, d.WindowSeconds);

    /// <summary>A regression model's R² travels in the response's RocAuc, its only slot for the task's quality metric (ADR 31).</summary>
    public static LiveQualityResponse ToResponse(this LiveQuality q) => new(q.ModelVersionId, q.LabelledRows, q.WindowRows, q.QualityMetric, q.Accuracy, q.MeasuredAt);
}
