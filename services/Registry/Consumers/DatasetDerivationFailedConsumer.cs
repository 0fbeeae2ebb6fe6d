using MassTransit;
using Platform.Contracts.Datasets;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

/// <summary>A derivation Ingestion could not make: a retraining episode's appended rows, or a run's treatment.</summary>
public sealed class DatasetDerivationFailedConsumer(RegistryDbContext db, RetrainingLoop retraining, DeploymentPipeline pipeline)
    : InboxConsumer<DatasetDerivationFailed, RegistryDbContext>(db)
{
    protected override async Task HandleAsync(DatasetDerivationFailed message, ConsumeContext<DatasetDerivationFailed> context)
    {
        await retraining.OnDerivationFailedAsync(message.TenantId, message.CorrelationId, message.Reason, context.CancellationToken);
        await pipeline.OnTreatmentFailedAsync(message.TenantId, message.CorrelationId, message.Reason, context.CancellationToken);
    }
}
