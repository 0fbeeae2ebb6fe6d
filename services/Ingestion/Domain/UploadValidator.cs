using System.Text.Json;
using Platform.ServiceDefaults.Http;
using Platform.Tabular;

namespace Platform.Ingestion.Domain;

/// <summary>
/// Reads a staged upload once, streaming: every record must parse, and the schema and profile are
/// built on the way. Memory grows with the number of columns and distinct values kept, not rows;
/// the limits bound the columns, a value's length and the rows.
/// </summary>
public static class UploadValidator
{
    public const string FileField = "file";

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
}
