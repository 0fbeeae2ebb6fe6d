namespace Platform.Tabular;

public enum ColumnKind
{
    Numeric,
    Boolean,
    Categorical,
    Text,
    /// <summary>An image dataset's images (<see cref="Images.ImageProfiler"/>); never a cell of a table.</summary>
    Image,
}
