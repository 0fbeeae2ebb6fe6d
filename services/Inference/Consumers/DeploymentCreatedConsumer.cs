using MassTransit;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>Records a new deployment; its keys arrive as <see cref="DeploymentKeysChanged"/>.</summary>
public sealed class DeploymentCreatedConsumer(InferenceDbContext db, DeploymentDirectory directory, TimeProvider clock)
    : InboxConsumer<DeploymentCreated, InferenceDbContext>(db)
{
    protected override async Task HandleAsync(DeploymentCreated message, ConsumeContext<DeploymentCreated> context)
    {
        var now = clock.GetUtcNow();
        var deployment = await Db.FindOrAddDeploymentAsync(message.TenantId, message.DeploymentName, now, context.CancellationToken);
        if (!deployment.Register(message, now)) return;
        if (DeploymentCredentials.From(deployment) is { } credentials)
            Db.AfterCommit(() => directory.Upsert(credentials));
    }
}
