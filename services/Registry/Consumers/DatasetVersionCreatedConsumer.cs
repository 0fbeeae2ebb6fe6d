using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Datasets;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

/// <summary>
/// Records a new dataset version as a lineage root, then: a version derived for a retraining goes
/// to its episode; any other starts the runs waiting for data and is a new-data trigger for the
/// deployments already serving from that dataset; a treated version goes to the run that asked for it.
/// </summary>
public sealed class DatasetVersionCreatedConsumer(RegistryDbContext db, DeploymentPipeline pipeline, RetrainingLoop retraining, TimeProvider clock)
    : InboxConsumer<DatasetVersionCreated, RegistryDbContext>(db)
{
    protected override async Task HandleAsync(DatasetVersionCreated message, ConsumeContext<DatasetVersionCreated> context)
    {
        var ct = context.CancellationToken;
        await Db.LockDatasetAsync(message.TenantId, message.DatasetName, ct);
        // Ingestion answers a derivation whose content already is a version with that version again.
        var dataset = await Db.DatasetVersions.FirstOrDefaultAsync(v => v.TenantId == message.TenantId && v.DatasetVersionId == message.DatasetVersionId, ct);
        if (dataset is null)
        {
            dataset = new RegisteredDatasetVersion
            {
                TenantId = message.TenantId,
                DatasetVersionId = message.DatasetVersionId,
                DatasetName = message.DatasetName,
                VersionNumber = message.VersionNumber,
                Sha256 = message.Content.Sha256,
                Uri = message.Content.Uri,
                SizeBytes = message.Content.SizeBytes,
                CorrelationId = message.CorrelationId,
                DerivedFromVersionId = message.DerivedFromVersionId,
                AppendedRows = message.AppendedRows,
                TraceId = Activity.Current?.TraceId.ToHexString(),
                RegisteredAt = clock.GetUtcNow(),
                TreatmentJson = RegisteredDatasetVersion.ToJson(message.Treatment),
                PersonalDataJson = message.PersonalData is { Count: > 0 } found ? RegisteredDatasetVersion.ToJson(found) : null,
            };
            Db.DatasetVersions.Add(dataset);
        }

        if (message.DerivedFromVersionId is not null && await retraining.OnDerivedDataAsync(dataset, message.CorrelationId, message.AppendedRows, ct)) return;
        // A treated version belongs to the run that asked for it: it starts no other deployment's run.
        if (dataset.TreatmentJson is not null)
        {
            await pipeline.OnTreatedAsync(dataset, message.CorrelationId, ct);
            return;
        }
        await pipeline.StartRunsForAsync(dataset, ct);
        await retraining.OnNewDataAsync(dataset, ct);
    }
}
