using System.Diagnostics;
using MassTransit;
using Platform.Contracts.Datasets;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

/// <summary>Records a new dataset version as a lineage root and starts the runs waiting for it.</summary>
public sealed class DatasetVersionCreatedConsumer(RegistryDbContext db, DeploymentPipeline pipeline, TimeProvider clock)
    : InboxConsumer<DatasetVersionCreated, RegistryDbContext>(db)
{
    protected override async Task HandleAsync(DatasetVersionCreated message, ConsumeContext<DatasetVersionCreated> context)
    {
        var dataset = new RegisteredDatasetVersion
        {
            TenantId = message.TenantId,
            DatasetVersionId = message.DatasetVersionId,
            DatasetName = message.DatasetName,
            VersionNumber = message.VersionNumber,
            Sha256 = message.Content.Sha256,
            Uri = message.Content.Uri,
            SizeBytes = message.Content.SizeBytes,
            CorrelationId = message.CorrelationId,
            TraceId = Activity.Current?.TraceId.ToHexString(),
            RegisteredAt = clock.GetUtcNow(),
        };
        Db.DatasetVersions.Add(dataset);
        await pipeline.StartRunsForAsync(dataset, context.CancellationToken);
    }
}
