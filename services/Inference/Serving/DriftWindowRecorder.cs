using System.Diagnostics;
using Platform.Contracts.Inference;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Inference.Serving;

/// <summary>
/// Records each closed drift window (the deployment's PSI history), exports its PSI as metrics and,
/// when the window opens a drift episode, publishes <see cref="DriftDetected"/> through the outbox in
/// the same transaction. It also closes windows that reached their time limit.
/// </summary>
public sealed partial class DriftWindowRecorder(
    DriftMonitor monitor, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DriftWindowRecorder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var aging = CloseAgedWindowsAsync(stoppingToken);
        try
        {
            await foreach (var window in monitor.Closed.ReadAllAsync(stoppingToken))
                await RecordWithRetriesAsync(window, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await aging;
    }

    private async Task CloseAgedWindowsAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) monitor.CloseAged();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RecordWithRetriesAsync(ClosedWindow window, CancellationToken ct)
    {
        InferenceTelemetry.RecordPsi(window);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RecordAsync(window, ct);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 5)
            {
                LogRetry(ex, window.Deployment.Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), clock, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLost(ex, window.Deployment.Name, window.Rows);
                return;
            }
        }
    }

    public async Task RecordAsync(ClosedWindow window, CancellationToken ct)
    {
        using var activity = PlatformTelemetry.ActivitySource.StartActivity("drift window");
        activity?.SetTag(InferenceTelemetry.DeploymentTag, window.Deployment.Name);
        activity?.SetTag("platform.drift.rows", window.Rows);
        activity?.SetTag("platform.drift.max_psi", window.Psi.DefaultIfEmpty(0).Max());

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
        var psi = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var f = 0; f < window.Features.Count; f++) psi[window.Features[f]] = Math.Round(window.Psi[f], 6);
        var drifted = window.Verdict.DriftedFeatures.Select(f => window.Features[f]).ToList();
        db.DriftWindows.Add(new DriftWindowRecord
        {
            TenantId = window.Deployment.TenantId,
            DeploymentName = window.Deployment.Name,
            ModelVersionId = window.ModelVersionId,
            WindowStart = window.Start,
            WindowEnd = window.End,
            Rows = window.Rows,
            Psi = psi,
            MaxPsi = psi.Values.DefaultIfEmpty(0).Max(),
            DriftedFeatures = drifted,
            DriftDetected = window.Verdict.OpensEpisode,
        });
        if (window.Verdict.OpensEpisode)
        {
            activity?.SetTag("platform.drift.detected", string.Join(",", drifted));
            db.PublishOnCommit(new DriftDetected(
                window.Deployment.TenantId, Guid.CreateVersion7(), window.Deployment.Name, window.ModelVersionId,
                psi, drifted, window.Settings.PsiThreshold, window.Rows, window.Start, window.End));
            LogDrift(window.Deployment.Name, window.Deployment.TenantId, string.Join(", ", drifted), psi.Values.Max());
        }
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drift detected on deployment {Deployment} of tenant {TenantId}: {Features} (max PSI {MaxPsi:F3})")]
    private partial void LogDrift(string deployment, Guid tenantId, string features, double maxPsi);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a drift window of deployment {Deployment} failed (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, string deployment, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A drift window of deployment {Deployment} ({Rows} rows) could not be recorded")]
    private partial void LogLost(Exception exception, string deployment, long rows);
}
