using MassTransit;
using Platform.Contracts.Datasets;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

public sealed class DatasetDerivationFailedConsumer(RegistryDbContext db, RetrainingLoop retraining) : InboxConsumer<DatasetDerivationFailed, RegistryDbContext>(db)
{
    protected override Task HandleAsync(DatasetDerivationFailed message, ConsumeContext<DatasetDerivationFailed> context) =>
        retraining.OnDerivationFailedAsync(message.TenantId, message.CorrelationId, message.Reason, context.CancellationToken);
}
