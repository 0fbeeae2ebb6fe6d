using MassTransit;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>Keeps the deployment's key set in its row (one replica takes this copy): a restarted replica checks keys as they stand.</summary>
public sealed class DeploymentKeysChangedConsumer(InferenceDbContext db, DeploymentDirectory directory, TimeProvider clock)
    : InboxConsumer<DeploymentKeysChanged, InferenceDbContext>(db)
{
    protected override async Task HandleAsync(DeploymentKeysChanged message, ConsumeContext<DeploymentKeysChanged> context)
    {
        var now = clock.GetUtcNow();
        var deployment = await Db.FindOrAddDeploymentAsync(message.TenantId, message.DeploymentName, now, context.CancellationToken);
        if (!deployment.ApplyKeys(message, now)) return;
        if (DeploymentCredentials.From(deployment) is { } credentials)
            Db.AfterCommit(() => directory.Upsert(credentials));
    }
}

/// <summary>
/// Applies a key change in this replica's memory at once: every replica has its own temporary
/// queue, so a revoked key is refused everywhere within the time a message takes, not at the next
/// synchronisation.
/// </summary>
public sealed class DeploymentKeysChangedListener(DeploymentDirectory directory) : IConsumer<DeploymentKeysChanged>
{
    public Task Consume(ConsumeContext<DeploymentKeysChanged> context)
    {
        var message = context.Message;
        var keys = message.Keys.Select(ServedApiKey.From).Select(CredentialKey.From).ToArray();
        directory.ApplyKeys(new DeploymentKey(message.TenantId, message.DeploymentName), message.DeploymentId, message.Revision, keys);
        return Task.CompletedTask;
    }
}
