using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;

namespace Platform.Inference.Serving;

/// <summary>
/// Keeps the served predictions bounded: each deployment keeps its most recent
/// <see cref="InferenceOptions.MaxServedPredictionsPerDeployment"/>, so feedback can be joined for
/// recent traffic while storage does not grow with it; and its most recent drift windows.
/// </summary>
public sealed partial class ServedPredictionRetention(
    IServiceScopeFactory scopes, IOptions<InferenceOptions> options, TimeProvider clock, ILogger<ServedPredictionRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PruneAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPruneFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
        var keep = options.Value.MaxServedPredictionsPerDeployment;
        var keepWindows = options.Value.MaxDriftWindowsPerDeployment;
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM drift_windows w USING (
                SELECT "Id" FROM (
                    SELECT "Id", row_number() OVER (PARTITION BY "TenantId", "DeploymentName" ORDER BY "WindowEnd" DESC) AS n
                    FROM drift_windows) ranked
                WHERE ranked.n > {keepWindows}) old
            WHERE w."Id" = old."Id"
            """, ct);
        return await db.Database.ExecuteSqlAsync($"""
            DELETE FROM served_predictions p USING (
                SELECT "Id" FROM (
                    SELECT "Id", row_number() OVER (PARTITION BY "TenantId", "DeploymentName" ORDER BY "ServedAt" DESC) AS n
                    FROM served_predictions) ranked
                WHERE ranked.n > {keep}) old
            WHERE p."Id" = old."Id"
            """, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning served predictions failed; retrying on the next pass")]
    private partial void LogPruneFailed(Exception exception);
}
