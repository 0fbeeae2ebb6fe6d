namespace Platform.Contracts;

/// <summary>
/// What every message carries: the tenant whose data it concerns, and the pipeline run
/// (deployment, retraining episode) it belongs to, so a run can be followed across services.
/// </summary>
public interface IPlatformMessage
{
    Guid TenantId { get; }
    Guid CorrelationId { get; }
}
