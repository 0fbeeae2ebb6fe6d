using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;

namespace Platform.Inference.Serving;

/// <summary>
/// Brings memory in line with the database: at start-up (a restarted process serves again without
/// new messages) and then periodically (a replica whose queue missed a message, being down or not
/// yet declared, catches up here; each hears promotions on its own queue). A model that fails to load is retried on the
/// next pass while the deployment keeps serving what it had.
/// </summary>
public sealed partial class ModelSynchronizer(
    IServiceScopeFactory scopes,
    DeploymentDirectory directory,
    ModelHost host,
    ModelActivator activator,
    SynchronizationState state,
    IOptions<InferenceOptions> options,
    TimeProvider clock,
    ILogger<ModelSynchronizer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SynchronizeAsync(stoppingToken);
                state.MarkSynchronized();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(ex);
            }
            try
            {
                await Task.Delay(options.Value.SyncInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task SynchronizeAsync(CancellationToken ct)
    {
        List<ServedDeployment> deployments;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
            deployments = await db.Deployments.AsNoTracking().ToListAsync(ct);
        }
        directory.Merge(deployments.Select(DeploymentCredentials.From).OfType<DeploymentCredentials>());

        foreach (var deployment in deployments)
        {
            if (deployment is not { ModelVersionId: { } version, Model: { } artifact }) continue;
            // Loaded already (or evicted for memory: its next request loads it), or a listener activated something newer after this read.
            var order = PromotionOrder.Of(deployment.PromotionMessageId);
            if (host.Known(deployment.Key) is { } current && (current.ModelVersionId == version || current.Revision >= order)) continue;
            try
            {
                await activator.EnsureServingAsync(deployment.Key, version, order, artifact, deployment.Reference, ct, deployment.InputTreatment);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The loader logged why; the next pass tries again.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Synchronizing served models with the database failed; retrying on the next pass")]
    private partial void LogPassFailed(Exception exception);
}
