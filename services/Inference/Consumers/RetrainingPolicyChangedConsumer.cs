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
