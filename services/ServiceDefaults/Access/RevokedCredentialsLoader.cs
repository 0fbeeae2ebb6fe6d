using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Loads the kept revocations into memory before the service takes requests, then re-reads them
/// now and then (a replica whose temporary queue was down meanwhile catches up) and forgets those
/// older than any token can be.
/// </summary>
internal sealed partial class RevokedCredentialsLoader(
    IServiceScopeFactory scopes, RevokedCredentials revoked, TimeProvider clock, ILogger<RevokedCredentialsLoader> logger)
    : BackgroundService, IHostedLifecycleService
{
    /// <summary>Longer than any access token lives: a revocation older than this refuses nothing.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(1);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    // After the migrator (a StartingAsync too, registered just before), before the web server starts.
    public Task StartingAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await LoadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReloadFailed(logger, ex);
            }
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow() - Horizon;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var rows = await db.RevokedCredentials.AsNoTracking().Where(r => r.RevokedAt > since).ToListAsync(ct);
        foreach (var row in rows) revoked.Revoke(row.Subject, row.RevokedAt);
        revoked.Forget(since);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read the revoked credentials; the ones in memory still apply")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
