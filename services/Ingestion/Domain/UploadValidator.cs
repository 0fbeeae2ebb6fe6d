using System.Text.Json;
using Platform.ServiceDefaults.Http;
using Platform.Tabular;
using Platform.Tabular.Images;

namespace Platform.Ingestion.Domain;

/// <summary>
/// Reads a staged upload once, streaming: every record must parse, and the schema and profile are
/// built on the way. Memory grows with the number of columns and distinct values kept, not rows;
/// the limits bound the columns, a value's length and the rows. A zip archive is an image dataset
/// (<see cref="ImageArchive"/>): every image must decode, and its target is always its label.
/// </summary>
public static class UploadValidator
{
    public const string FileField = "file";

    /// <summary>Validates the content <paramref name="open"/> opens: once to see whether it is an archive, then to read it.</summary>
    public static (ValidatedUpload? Upload, UploadRejection? Rejection) Validate(
        Func<Stream> open, string? targetColumn, CsvLimits limits, CancellationToken ct, ImageLimits? imageLimits = null)
    {
        if (ImageArchive.IsArchive(open)) return ValidateImages(open, targetColumn, imageLimits ?? ImageLimits.Default, ct);
        using var content = open();
        return Validate(content, targetColumn, limits, ct);
    }

    /// <summary>Validates a table (CSV) read from <paramref name="content"/>.</summary>
    public static (ValidatedUpload? Upload, UploadRejection? Rejection) Validate(Stream content, string? targetColumn, CsvLimits limits, CancellationToken ct)
    {
        try
        {
            var reader = CsvTableReader.Open(content, limits);
            if (targetColumn is not null && !reader.Columns.Contains(targetColumn, StringComparer.Ordinal))
                return (null, new UploadRejection(targetColumn, 1,
                    $"the target column '{targetColumn}' does not exist; the header has {string.Join(", ", reader.Columns)}"));

            var profiler = new DatasetProfiler(reader.Columns);
            var records = 0L;
            foreach (var record in reader.ReadRecords())
            {
                if ((++records & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
                profiler.Add(record.Values);
            }
            var profile = profiler.Build();
            if (profile.Rows == 0) return (null, new UploadRejection(FileField, 2, "the file has a header but no data rows"));
            return (new ValidatedUpload(profile, targetColumn), null);
        }
        catch (CsvLimitException ex)
        {
            // Named as the setting is (Ingestion:Limits:MaxColumns is maxColumns), which is also the reader's property.
            return (null, new UploadRejection(ex.Column ?? FileField, ex.Row, ex.Reason,
                new ServiceLimit(JsonNamingPolicy.CamelCase.ConvertName(ex.Limit), ex.Maximum)));
        }
        catch (CsvFormatException ex)
        {
            return (null, new UploadRejection(ex.Column ?? FileField, ex.Row, ex.Reason));
        }
    }

    private static (ValidatedUpload? Upload, UploadRejection? Rejection) ValidateImages(Func<Stream> open, string? targetColumn, ImageLimits limits, CancellationToken ct)
    {
        if (targetColumn is not null && targetColumn != ImageProfiler.LabelColumn)
            return (null, new UploadRejection("target", null,
                $"an image dataset's target is its '{ImageProfiler.LabelColumn}' (the class of each image), not '{targetColumn}'"));
        try
        {
            var images = ImageArchive.Read(open, limits, ct);
            if (images.Count == 0) return (null, new UploadRejection(FileField, null, "the archive holds no images"));
            return (new ValidatedUpload(ImageProfiler.Profile(images), ImageProfiler.LabelColumn), null);
        }
        catch (ImageArchiveException ex)
        {
            var reason = ex.Entry is null ? ex.Reason : $"{ex.Entry}: {ex.Reason}";
            return (null, new UploadRejection(FileField, ex.Row, reason,
                ex.Limit is null ? null : new ServiceLimit(JsonNamingPolicy.CamelCase.ConvertName(LimitSetting(ex.Limit)), ex.Maximum)));
        }
    }

    // The archive's limits are settings of Ingestion:Limits under their image names (MaxImageSourcePixels for MaxSourcePixels).
    private static string LimitSetting(string limit) => limit switch
    {
        nameof(ImageLimits.MaxSourcePixels) => nameof(Extensions.UploadLimits.MaxImageSourcePixels),
        _ => limit,
    };
}
