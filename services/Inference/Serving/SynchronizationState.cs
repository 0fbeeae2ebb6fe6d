using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Inference.Serving;

/// <summary>
/// Not ready until the first synchronization has loaded the promoted models, so a restarted
/// replica gets traffic once it can serve it.
/// </summary>
public sealed class SynchronizationState : IHealthCheck
{
    private volatile bool _synchronized;

    public bool IsSynchronized => _synchronized;

    public void MarkSynchronized() => _synchronized = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_synchronized
            ? HealthCheckResult.Healthy("promoted models are loaded")
            : HealthCheckResult.Unhealthy("loading the promoted models"));
}
