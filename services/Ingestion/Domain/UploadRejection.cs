namespace Platform.Ingestion.Domain;

/// <summary>Why an upload was refused: the field (a column, or "file"), the row when known, and the reason.</summary>
public sealed record UploadRejection(string Field, long? Row, string Reason);
