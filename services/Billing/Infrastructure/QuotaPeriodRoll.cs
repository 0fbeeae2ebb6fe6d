using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Billing.Domain;
using Platform.Billing.Extensions;

namespace Platform.Billing.Infrastructure;

/// <summary>
/// Serves tenants again when the month that capped them is over: every check it looks for quotas
/// still exceeded in a past period and restores them, one transaction each, through the outbox.
/// Replicas may run it at once: each row is taken for update and skipped when another holds it, and a
/// row another replica restored no longer matches.
/// </summary>
public sealed partial class QuotaPeriodRoll(
    IServiceScopeFactory scopes, IOptions<BillingOptions> options, TimeProvider clock, ILogger<QuotaPeriodRoll> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.QuotaCheckInterval, clock);
        do
        {
            try
            {
                await RollAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRollFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RollAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = BillingPeriod.Containing(now).Start;
        var restored = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var usage = await db.QuotaUsage
                .FromSql($"""SELECT * FROM quota_usage WHERE "ExceededAt" IS NOT NULL AND "PeriodStart" < {current} LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .FirstOrDefaultAsync(ct);
            if (usage is null) return restored;
            if (usage.Evaluate(await db.PlanOfAsync(usage.TenantId, ct), now, "a new billing period began") is { } changed)
                db.PublishOnCommit(changed);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.SignalOutbox();
            LogRestored(usage.TenantId, usage.PeriodStart);
            restored++;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} is served again: the period {PeriodStart:yyyy-MM} that capped it is over")]
    private partial void LogRestored(Guid tenantId, DateTimeOffset periodStart);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restoring the quotas of past periods failed; the next check tries again")]
    private partial void LogRollFailed(Exception exception);
}
