using Microsoft.Extensions.Options;
using Platform.Ingestion.Domain;
using Platform.Ingestion.Extensions;
using Platform.ServiceDefaults.Artifacts;

namespace Platform.Ingestion.Infrastructure;

/// <summary>
/// Turns the content of a version derived from another (rows appended, personal data treated) into
/// a version of the dataset: staged, and when no version has these bytes yet, validated and profiled
/// like an upload and stored by content. Content that already is a version is that version.
/// </summary>
public sealed class DerivedVersions(IngestionDbContext db, ContentAddressedStore store, TimeProvider clock, IOptions<UploadLimits> limits)
{
    /// <summary>The version holding <paramref name="path"/>'s bytes (<c>Added</c> when this call made it), or why the rows were refused; nothing is stored then.</summary>
    public async Task<(DatasetVersion? Version, bool Added, UploadRejection? Rejection)> FromFileAsync(
        Dataset dataset, DatasetVersion baseVersion, string path, string? treatmentJson, CancellationToken ct)
    {
        await using var staging = File.OpenRead(path);
        using var staged = await store.StageAsync(dataset.TenantId, staging, ct);
        if (dataset.FindByContent(staged.Sha256) is { } existing) return (existing, false, null);

        ValidatedUpload? upload;
        UploadRejection? rejection;
        (upload, rejection) = UploadValidator.Validate(() => store.OpenRead(staged), baseVersion.TargetColumn, limits.Value.ForReader(), ct, limits.Value.ForImages());
        if (rejection is not null) return (null, false, rejection);

        var stored = store.Commit(staged);
        var version = dataset.AddVersion(stored.Sha256, stored.SizeBytes, stored.Uri, upload!, clock.GetUtcNow(), baseVersion.Id, treatmentJson);
        // Its key is set before EF sees it: reached through a tracked dataset it would be taken for an existing row.
        db.Add(version);
        return (version, true, null);
    }
}
