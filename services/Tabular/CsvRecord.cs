namespace Platform.Tabular;

/// <summary>One data record: the line it starts on (the header is line 1) and one value per column, null where missing.</summary>
public readonly record struct CsvRecord(long Row, string?[] Values);
