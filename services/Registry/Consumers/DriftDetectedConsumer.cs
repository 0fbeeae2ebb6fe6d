using MassTransit;
using Platform.Contracts.Inference;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

public sealed class DriftDetectedConsumer(RegistryDbContext db, RetrainingLoop retraining) : InboxConsumer<DriftDetected, RegistryDbContext>(db)
{
    protected override Task HandleAsync(DriftDetected message, ConsumeContext<DriftDetected> context) =>
        retraining.OnDriftAsync(message, context.CancellationToken);
}
