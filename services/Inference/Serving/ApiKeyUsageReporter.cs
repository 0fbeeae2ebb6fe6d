using Microsoft.Extensions.Options;
using Platform.Contracts.Registry;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;

namespace Platform.Inference.Serving;

/// <summary>
/// Tells the registry, now and then, when each key was last used: requests only write a timestamp
/// in memory, and one <see cref="ApiKeysUsed"/> per deployment carries what changed since the last report.
/// </summary>
public sealed partial class ApiKeyUsageReporter(
    IServiceScopeFactory scopes, DeploymentDirectory directory, IOptions<InferenceOptions> options, TimeProvider clock,
    ILogger<ApiKeyUsageReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyUsageReportInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReportAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReportFailed(logger, ex);
            }
        }
    }

    public async Task ReportAsync(CancellationToken ct)
    {
        var used = directory.TakeUsage();
        if (used.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
        foreach (var deployment in used.GroupBy(u => u.Deployment.DeploymentId))
        {
            var first = deployment.First().Deployment;
            db.PublishOnCommit(new ApiKeysUsed(first.Key.TenantId, first.DeploymentId, first.DeploymentId,
                deployment.Select(u => new ApiKeyUse(u.KeyId, u.LastUsedAt)).ToArray()));
        }
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report when API keys were last used; the next report carries the uses")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
