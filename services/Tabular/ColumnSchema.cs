namespace Platform.Tabular;

public sealed record ColumnSchema(string Name, ColumnKind Kind, bool Nullable);
