using Platform.ServiceDefaults.Http;

namespace Platform.Ingestion.Domain;

/// <summary>
/// Why an upload was refused: the field (a column, or "file"), the row when known, the reason, and
/// the limit when it was one of <see cref="Extensions.UploadLimits"/>.
/// </summary>
public sealed record UploadRejection(string Field, long? Row, string Reason, ServiceLimit? Limit = null);
