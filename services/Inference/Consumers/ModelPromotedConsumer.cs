using MassTransit;
using Platform.Contracts.Inference;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>
/// Serves a newly promoted model. The model is loaded before anything commits, so a model that
/// cannot load fails the message (retries, then the error queue) and the deployment keeps serving
/// the version it had; it becomes current only once the promotion is committed, together with the
/// <see cref="ModelLoaded"/> that tells the platform the endpoint is live.
/// </summary>
public sealed partial class ModelPromotedConsumer(
    InferenceDbContext db, ModelLoader loader, ModelHost host, DeploymentDirectory directory, TimeProvider clock,
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
            case PromotionOutcome.AlreadyServing when host.Current(deployment.Key)?.ModelVersionId == message.ModelVersionId:
                return;
        }

        var model = await loader.LoadAsync(deployment.Key, message.ModelVersionId, deployment.Revision, message.Model, message.Reference, ct);
        var credentials = DeploymentCredentials.From(deployment);
        Db.PublishOnCommit(new ModelLoaded(message.TenantId, message.CorrelationId, message.DeploymentName, message.ModelVersionId, clock.GetUtcNow()));
        Db.AfterCommit(
            onCommit: () =>
            {
                if (credentials is not null) directory.Upsert(credentials);
                if (host.Activate(model)) LogServing(message.DeploymentName, message.TenantId, message.ModelVersionId);
            },
            onAbandon: () => model.Release());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment} of tenant {TenantId} now serves model {ModelVersionId}")]
    private partial void LogServing(string deployment, Guid tenantId, Guid modelVersionId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Ignored the promotion of model {ModelVersionId} to deployment {Deployment} of tenant {TenantId}: a later promotion ({CurrentVersionId}) was applied")]
    private partial void LogStale(string deployment, Guid tenantId, Guid modelVersionId, Guid? currentVersionId);
}
