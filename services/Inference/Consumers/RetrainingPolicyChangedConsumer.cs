using MassTransit;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>Takes a deployment's drift settings from its retraining policy; requests see them once committed.</summary>
public sealed class RetrainingPolicyChangedConsumer(InferenceDbContext db, DeploymentDirectory directory, TimeProvider clock)
    : InboxConsumer<RetrainingPolicyChanged, InferenceDbContext>(db)
{
    protected override async Task HandleAsync(RetrainingPolicyChanged message, ConsumeContext<RetrainingPolicyChanged> context)
    {
        var now = clock.GetUtcNow();
        var deployment = await Db.FindOrAddDeploymentAsync(message.TenantId, message.DeploymentName, now, context.CancellationToken);
        var settings = new DriftSettings(message.PsiThreshold, message.ConsecutiveWindows, message.WindowRows, message.WindowSeconds);
        if (!deployment.ApplyDrift(settings, message.ChangedAt, now)) return;
        if (DeploymentCredentials.From(deployment) is { } credentials)
            Db.AfterCommit(() => directory.Upsert(credentials));
    }
}

/// <summary>
/// Applies a policy's drift settings in this replica's memory at once (its own temporary queue), as
/// keys and promotions are; the row, written by the consumer above, brings them to a restarted replica.
/// </summary>
public sealed class RetrainingPolicyChangedListener(DeploymentDirectory directory) : IConsumer<RetrainingPolicyChanged>
{
    public Task Consume(ConsumeContext<RetrainingPolicyChanged> context)
    {
        var message = context.Message;
        directory.ApplyDrift(new DeploymentKey(message.TenantId, message.DeploymentName),
            new DriftSettings(message.PsiThreshold, message.ConsecutiveWindows, message.WindowRows, message.WindowSeconds), message.ChangedAt);
        return Task.CompletedTask;
    }
}
