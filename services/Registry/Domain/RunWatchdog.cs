using Microsoft.Extensions.Options;
using Platform.Registry.Extensions;

namespace Platform.Registry.Domain;

/// <summary>
/// Looks at the runs in progress every <see cref="RunWatchdogOptions.CheckInterval"/> and gives up
/// those that stopped progressing (<see cref="StalledRuns"/>), so a lost or crash-looping job never
/// holds its deployment forever. Each run is decided in its own unit of work; every replica may run
/// the watchdog, and the run's row version lets only one of them fail it.
/// </summary>
public sealed partial class RunWatchdog(
    IServiceScopeFactory scopes, IOptions<RunWatchdogOptions> options, TimeProvider clock, ILogger<RunWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(ex); // the database may be down: the next tick tries again
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One look at every run in progress; how many were given up.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        List<Guid> candidates;
        await using (var scope = scopes.CreateAsyncScope())
            candidates = await scope.ServiceProvider.GetRequiredService<StalledRuns>().CandidatesAsync(ct);

        var givenUp = 0;
        foreach (var runId in candidates)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<StalledRuns>().GiveUpIfStalledAsync(runId, ct)) givenUp++;
        }
        return givenUp;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for stalled runs failed; trying again at the next check")]
    private partial void LogSweepFailed(Exception exception);
}
