using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;

namespace Platform.Inference.Infrastructure;

/// <summary>
/// Reconciles every known organization's usage with billing once an interval. Each replica looks
/// often; the one whose update moves the shared <see cref="ReconciliationSchedule"/> forward runs it.
/// </summary>
public sealed partial class UsageReconciler(
    IServiceScopeFactory scopes, IOptions<InferenceOptions> options, TimeProvider clock, ILogger<UsageReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Reconciliation.PollInterval(), clock);
        try
        {
            do
            {
                try
                {
                    await RunIfDueAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRunFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reconciles every tenant if a run is due and this replica claimed it; the number reconciled.</summary>
    public async Task<int> RunIfDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var next = now + options.Value.Reconciliation.Interval;
        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
            // One statement: of replicas claiming together, the row lock lets one through; the others find it moved.
            var claimed = await db.ReconciliationSchedule
                .Where(s => s.Id == ReconciliationSchedule.SingleRowId && s.NextRunAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextRunAt, next), ct);
            if (claimed == 0) return 0;
            tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        }

        // A tenant at a time: one organization's failure (or a slow one) does not hold the others' results.
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            var reconciliation = scope.ServiceProvider.GetRequiredService<UsageReconciliation>();
            await reconciliation.RequestAsync(tenant, Guid.CreateVersion7(now), ct);
            await scope.ServiceProvider.GetRequiredService<InferenceDbContext>().SaveChangesAsync(ct);
        }
        LogReconciled(tenants.Count, next);
        return tenants.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage of {Tenants} organizations sent to billing to reconcile; next run at {NextRunAt:o}")]
    private partial void LogReconciled(int tenants, DateTimeOffset nextRunAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage reconciliation failed; the next due run tries again")]
    private partial void LogRunFailed(Exception exception);
}
