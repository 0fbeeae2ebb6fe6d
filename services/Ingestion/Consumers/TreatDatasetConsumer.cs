using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Datasets;
using Platform.Ingestion.Domain;
using Platform.Ingestion.Infrastructure;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Inbox;
using Platform.Tabular.Privacy;

namespace Platform.Ingestion.Consumers;

/// <summary>
/// Makes the treated version of a dataset version (issue 21, item 2; ADR 30): personal data dropped,
/// pseudonymised under the tenant's pseudonym key or generalised, staged, validated and profiled
/// like an upload, stored by content (the same treatment of the same rows is the same version, for
/// every deployment that asks). Its <see cref="DatasetVersionCreated"/> names the base and the
/// treatment; a refusal answers with <see cref="DatasetDerivationFailed"/>. No value is logged.
/// </summary>
public sealed partial class TreatDatasetConsumer(
    IngestionDbContext db, ContentAddressedStore store, DerivedVersions versions, PseudonymKeys pseudonyms, ILogger<TreatDatasetConsumer> logger)
    : InboxConsumer<TreatDataset, IngestionDbContext>(db)
{
    protected override async Task HandleAsync(TreatDataset message, ConsumeContext<TreatDataset> context)
    {
        var ct = context.CancellationToken;
        var dataset = await Db.Datasets.Include(d => d.Versions)
            .FirstOrDefaultAsync(d => d.TenantId == message.TenantId && d.Name == message.DatasetName, ct);
        var baseVersion = dataset?.Versions.FirstOrDefault(v => v.Id == message.BaseDatasetVersionId);
        if (dataset is null || baseVersion is null)
        {
            Fail(message, $"dataset {message.DatasetName} has no version {message.BaseDatasetVersionId}");
            return;
        }
        if (baseVersion.HoldsImages)
        {
            Fail(message, $"version {baseVersion.Number} of {dataset.Name} is an image archive: its columns are images and labels, with no personal data to treat");
            return;
        }
        if (baseVersion.TreatmentJson is not null)
        {
            Fail(message, $"version {baseVersion.Number} of {dataset.Name} is treated already; a treatment starts from the raw data");
            return;
        }
        if (message.Treatments.FirstOrDefault(t => t.Column == baseVersion.TargetColumn) is { } target)
        {
            Fail(message, $"column {target.Column} is the target: it cannot be treated");
            return;
        }

        var treated = Path.GetTempFileName();
        try
        {
            var actions = message.Treatments.ToDictionary(t => t.Column, t => t.Action);
            await using (var output = new FileStream(treated, FileMode.Create, FileAccess.Write))
            await using (var content = store.OpenRead(message.TenantId, new ArtifactReference(baseVersion.Uri, baseVersion.Sha256, baseVersion.SizeBytes)))
            {
                try
                {
                    await DatasetTreatment.WriteAsync(content, actions, pseudonyms.For(message.TenantId), output, ct);
                }
                catch (InvalidDataException ex)
                {
                    Fail(message, ex.Message);
                    return;
                }
            }

            var (version, added, rejection) = await versions.FromFileAsync(
                dataset, baseVersion, treated, JsonSerializer.Serialize(message.Treatments, JsonSerializerOptions.Web), ct);
            if (rejection is not null)
            {
                Fail(message, $"the treated rows were refused at row {rejection.Row}, {rejection.Field}: {rejection.Reason}");
                return;
            }
            if (added) LogTreated(dataset.Name, version!.Number, baseVersion.Number, string.Join(", ", message.Treatments.Select(t => $"{t.Column}: {t.Action}")));
            Db.PublishOnCommit(dataset.Created(version!, message.CorrelationId, baseVersion.Id));
        }
        finally
        {
            File.Delete(treated);
        }
    }

    private void Fail(TreatDataset message, string reason)
    {
        LogRefused(message.DatasetName, message.BaseDatasetVersionId, reason);
        Db.PublishOnCommit(new DatasetDerivationFailed(message.TenantId, message.CorrelationId, message.DatasetName, message.BaseDatasetVersionId, reason));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset} v{Version}: v{Base} treated ({Treatment})")]
    private partial void LogTreated(string dataset, int version, int @base, string treatment);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot treat version {VersionId} of dataset {Dataset}: {Reason}")]
    private partial void LogRefused(string dataset, Guid versionId, string reason);
}
