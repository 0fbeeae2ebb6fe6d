using OpenIddict.Abstractions;

namespace Platform.Portal.Identity;

/// <summary>
/// Every token OpenIddict issues is kept (so it can be revoked), client-credentials access tokens
/// included: this prunes those long expired, with their authorizations, and the sessions whose
/// tokens ended, so neither the table nor the memory grows without bound.
/// </summary>
internal sealed partial class IdentityMaintenance(IServiceScopeFactory scopes, PortalSessions sessions, TimeProvider clock, ILogger<IdentityMaintenance> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                sessions.Prune();
                await using var scope = scopes.CreateAsyncScope();
                var threshold = clock.GetUtcNow() - KeepFor;
                var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, stoppingToken);
                var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, stoppingToken);
                LogPruned(logger, tokens, authorizations);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPruneFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Tokens} expired tokens and {Authorizations} authorizations")]
    private static partial void LogPruned(ILogger logger, long tokens, long authorizations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning expired tokens failed; the next pass tries again")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
