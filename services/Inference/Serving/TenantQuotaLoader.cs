using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;

namespace Platform.Inference.Serving;

/// <summary>
/// Loads the tenants' quota states into memory before the replica takes requests (a restarted
/// replica refuses a capped tenant from its first request), then re-reads them every
/// synchronisation interval (a replica whose queue was down meanwhile catches up).
/// </summary>
public sealed partial class TenantQuotaLoader(
    IServiceScopeFactory scopes, TenantQuotas quotas, IOptions<InferenceOptions> options, TimeProvider clock, ILogger<TenantQuotaLoader> logger)
    : BackgroundService, IHostedLifecycleService
{
    // After the migrator (a StartingAsync too, registered before), before the web server starts.
    public Task StartingAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SyncInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await LoadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReloadFailed(ex);
            }
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
        foreach (var row in await db.TenantQuotas.AsNoTracking().ToListAsync(ct)) quotas.Apply(row.ToState());
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read the tenants' quotas; the states in memory still apply")]
    private partial void LogReloadFailed(Exception exception);
}
