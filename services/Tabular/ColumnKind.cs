namespace Platform.Tabular;

public enum ColumnKind
{
    Numeric,
    Boolean,
    Categorical,
    Text,
}
