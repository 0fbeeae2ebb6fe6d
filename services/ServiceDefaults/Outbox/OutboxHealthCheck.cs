using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Outbox;

/// <summary>
/// Degraded while rows sit in quarantine: the service works, but some of its events wait for an
/// operator. Reads the dispatcher's last count, so a probe costs no query.
/// </summary>
internal sealed class OutboxHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(OutboxTelemetry.QuarantinedCount is var count and > 0
            ? HealthCheckResult.Degraded($"{count} outbox message(s) quarantined: GET {OutboxAdminApi.Quarantined}")
            : HealthCheckResult.Healthy("no outbox message quarantined"));
}
