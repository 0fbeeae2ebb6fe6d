namespace Platform.Tabular;

/// <summary>
/// What a reader accepts before it refuses a file, so that a hostile or mistaken file costs bounded
/// memory and time: the header's columns (every column has a profile), one field's characters (a
/// record is held whole, so a field with no end would grow without bound) and the data rows.
/// Content that was validated once is read with <see cref="None"/>.
/// </summary>
public sealed record CsvLimits(int MaxColumns, int MaxFieldCharacters, long MaxRows)
{
    public static readonly CsvLimits None = new(int.MaxValue, int.MaxValue, long.MaxValue);
}
