using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Billing;
using Platform.Contracts.Inference;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;

namespace Platform.Inference.Infrastructure;

/// <summary>
/// Inference's half of usage reconciliation (ADR 14): it holds every usage record it served, so it
/// tells billing what was served per deployment and hour, and sends again, unchanged, the usage of
/// the hours billing finds short. Messages go through the outbox of the caller's unit of work.
/// </summary>
public sealed class UsageReconciliation(InferenceDbContext db, IOptions<InferenceOptions> options, TimeProvider clock)
{
    /// <summary>Usage events per re-sent message: about 170 KB of JSON, whatever an hour's traffic.</summary>
    public const int ResendPartSize = 500;

    /// <summary>Queues the tenant's served usage for billing to compare; the caller saves.</summary>
    public async Task<ReconcileUsage> RequestAsync(Guid tenantId, Guid reconciliationId, CancellationToken ct)
    {
        var settings = options.Value.Reconciliation;
        var window = ReconciliationWindow.Ending(clock.GetUtcNow(), settings.SettleDelay, settings.Lookback);
        var totals = await db.Usage.AsNoTracking().PerDeploymentHour(tenantId, window).ToListAsync(ct);
        var request = new ReconcileUsage(tenantId, reconciliationId, reconciliationId, window.From, window.Until, totals.ToServedHours(window));
        db.PublishOnCommit(request);
        return request;
    }

    /// <summary>
    /// Queues each asked-for hour's usage as its original <see cref="PredictionsServed"/> events, in
    /// parts; billing applies the ones it lacks (by usage id) and counts what they added.
    /// </summary>
    public async Task<int> ResendAsync(ResendUsage request, CancellationToken ct)
    {
        var window = new ReconciliationWindow(request.From, request.Until);
        var sent = 0;
        foreach (var hour in request.Hours)
        {
            var (start, end) = window.Clip(hour.HourStart);
            var usage = await db.Usage.AsNoTracking()
                .Where(u => u.TenantId == request.TenantId && u.DeploymentName == hour.DeploymentName && u.ServedAt >= start && u.ServedAt < end)
                .OrderBy(u => u.ServedAt).ThenBy(u => u.UsageId)
                .ToListAsync(ct);
            UsageRecord[][] parts = usage.Count == 0 ? [[]] : [.. usage.Chunk(ResendPartSize)];
            for (var i = 0; i < parts.Length; i++)
            {
                db.PublishOnCommit(new UsageResent(request.TenantId, request.ReconciliationId, request.ReconciliationId,
                    hour.DeploymentName, hour.HourStart, i + 1, parts.Length, [.. parts[i].Select(u => u.ToEvent())]));
            }
            sent += usage.Count;
        }
        return sent;
    }
}
