using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Datasets;
using Platform.Ingestion.Domain;
using Platform.Ingestion.Infrastructure;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Inbox;
using Platform.Tabular;

namespace Platform.Ingestion.Consumers;

/// <summary>
/// Derives a dataset version: the base version's content followed by the appended rows, staged,
/// validated and profiled like an upload, stored by content. The new version's
/// <see cref="DatasetVersionCreated"/> names its base and carries the requester's correlation id;
/// content that already is a version answers with that version, and a refusal (the upload limits
/// included) with <see cref="DatasetDerivationFailed"/>, so the requester always hears back.
/// </summary>
public sealed partial class AppendDatasetRowsConsumer(
    IngestionDbContext db, ContentAddressedStore store, DerivedVersions versions, ILogger<AppendDatasetRowsConsumer> logger)
    : InboxConsumer<AppendDatasetRows, IngestionDbContext>(db)
{
    protected override async Task HandleAsync(AppendDatasetRows message, ConsumeContext<AppendDatasetRows> context)
    {
        var ct = context.CancellationToken;
        var dataset = await Db.Datasets.Include(d => d.Versions)
            .FirstOrDefaultAsync(d => d.TenantId == message.TenantId && d.Name == message.DatasetName, ct);
        var baseVersion = dataset?.Versions.FirstOrDefault(v => v.Id == message.BaseDatasetVersionId);
        if (dataset is null || baseVersion is null)
        {
            LogUnknownBase(message.DatasetName, message.BaseDatasetVersionId);
            Db.PublishOnCommit(new DatasetDerivationFailed(message.TenantId, message.CorrelationId, message.DatasetName, message.BaseDatasetVersionId,
                $"dataset {message.DatasetName} has no version {message.BaseDatasetVersionId}"));
            return;
        }
        if (baseVersion.HoldsImages)
        {
            // Served images come back as rows of base64 text; an archive of images is extended by uploading a new one.
            Db.PublishOnCommit(new DatasetDerivationFailed(message.TenantId, message.CorrelationId, message.DatasetName, baseVersion.Id,
                $"version {baseVersion.Number} of {dataset.Name} is an image archive: rows are not appended to it; upload an archive with the new images"));
            return;
        }

        var combined = Path.GetTempFileName();
        try
        {
            long appended;
            await using (var output = new FileStream(combined, FileMode.Create, FileAccess.Write))
            {
                var baseArtifact = new ArtifactReference(baseVersion.Uri, baseVersion.Sha256, baseVersion.SizeBytes);
                IReadOnlyList<string> header;
                await using (var content = store.OpenRead(message.TenantId, baseArtifact)) header = CsvTableReader.Open(content).Columns;
                await using (var content = store.OpenRead(message.TenantId, baseArtifact)) await content.CopyToAsync(output, ct);
                if (output.Length > 0 && !await EndsWithNewlineAsync(combined, ct)) output.WriteByte((byte)'\n');
                await using var rows = store.OpenRead(message.TenantId, message.Rows);
                appended = await AppendedRowsWriter.AppendAsync(rows, header, output, ct);
            }

            // Appended to a treated version, the rows were treated as they were served: the version inherits its treatment.
            var (version, added, rejection) = await versions.FromFileAsync(dataset, baseVersion, combined, baseVersion.TreatmentJson, ct);
            if (rejection is not null)
            {
                // Retrying would refuse them the same way: the requester hears why, and nothing is stored.
                LogRejected(message.DatasetName, rejection.Row, rejection.Field, rejection.Reason);
                Db.PublishOnCommit(new DatasetDerivationFailed(message.TenantId, message.CorrelationId, message.DatasetName, baseVersion.Id,
                    $"the appended rows were refused at row {rejection.Row}, {rejection.Field}: {rejection.Reason}"));
                return;
            }
            if (added) LogDerived(message.DatasetName, version!.Number, baseVersion.Number, appended);

            Db.PublishOnCommit(dataset.Created(version!, message.CorrelationId, baseVersion.Id, appended));
        }
        finally
        {
            File.Delete(combined);
        }
    }

    private static async Task<bool> EndsWithNewlineAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        if (file.Length == 0) return true;
        file.Seek(-1, SeekOrigin.End);
        var last = new byte[1];
        await file.ReadExactlyAsync(last, ct);
        return last[0] == (byte)'\n';
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset} v{Version}: v{Base} with {Rows} appended rows")]
    private partial void LogDerived(string dataset, int version, int @base, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot append rows to dataset {Dataset}: version {VersionId} does not exist")]
    private partial void LogUnknownBase(string dataset, Guid versionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Appended rows of dataset {Dataset} were refused at row {Row}, {Field}: {Reason}")]
    private partial void LogRejected(string dataset, long? row, string field, string reason);
}
