using MassTransit;
using Platform.Contracts.Inference;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>
/// Records a promotion in the deployment's row (one replica takes this copy), so a replica that
/// starts later serves it. The model is loaded here first (shared with this replica's listener, so
/// it loads once): a model that cannot load fails the message (retries, then the error queue) and
/// the row keeps the version it had. <see cref="ModelLoaded"/> is not published here but by the
/// replica that completes the set of live replicas serving the version (<see cref="ReplicaPresence"/>).
/// </summary>
public sealed partial class ModelPromotedConsumer(
    InferenceDbContext db, ModelActivator activator, ReplicaPresence presence, DeploymentDirectory directory, TimeProvider clock,
    ILogger<ModelPromotedConsumer> logger)
    : InboxConsumer<ModelPromoted, InferenceDbContext>(db)
{
    protected override async Task HandleAsync(ModelPromoted message, ConsumeContext<ModelPromoted> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var deployment = await Db.FindOrAddDeploymentAsync(message.TenantId, message.DeploymentName, now, ct);

        switch (deployment.Promote(message, context.MessageId!.Value, now))
        {
            case PromotionOutcome.Stale:
                LogStale(message.DeploymentName, message.TenantId, message.ModelVersionId, deployment.ModelVersionId);
                return;
            case PromotionOutcome.AlreadyServing:
                return;
        }

        await activator.EnsureServingAsync(
            deployment.Key, message.ModelVersionId, PromotionOrder.Of(context.MessageId), message.Model, message.Reference, ct, message.InputTreatment);
        var credentials = DeploymentCredentials.From(deployment);
        Db.AfterCommit(() =>
        {
            if (credentials is not null) directory.Upsert(credentials);
            presence.Notify();
        });
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Ignored the promotion of model {ModelVersionId} to deployment {Deployment} of tenant {TenantId}: a later promotion ({CurrentVersionId}) was applied")]
    private partial void LogStale(string deployment, Guid tenantId, Guid modelVersionId, Guid? currentVersionId);
}

/// <summary>
/// Loads a promoted model in this replica at once: every replica has its own temporary queue, so
/// none waits for its next synchronisation (which with competing consumers left one replica
/// answering "no model" for up to 15 s). A model that fails to load here is logged by the loader
/// and retried by the synchronizer from the row.
/// </summary>
public sealed class ModelPromotedListener(ModelActivator activator) : IConsumer<ModelPromoted>
{
    public async Task Consume(ConsumeContext<ModelPromoted> context)
    {
        var message = context.Message;
        try
        {
            await activator.EnsureServingAsync(
                new DeploymentKey(message.TenantId, message.DeploymentName), message.ModelVersionId, PromotionOrder.Of(context.MessageId),
                message.Model, message.Reference, context.CancellationToken, message.InputTreatment);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged by the loader; a temporary queue has no redelivery, and the row brings it back at the next synchronisation.
        }
    }
}
