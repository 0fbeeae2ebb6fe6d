using System.Globalization;

namespace Platform.Tabular;

/// <summary>
/// A column whose every value is a finite number (<see cref="NumericCell.IsNumber"/>), as floats:
/// 4 bytes a row, NaN where the cell is missing (a number never reads as NaN).
/// </summary>
public sealed class NumberColumn(string name, float[] values) : TypedColumn(name)
{
    public IReadOnlyList<float> Values => values;

    public override int Count => values.Length;

    public override float Number(int row) => values[row];

    /// <summary>
    /// The number written back (shortest round trip), not the text the file had ("1.50" reads "1.5"):
    /// a column read as numbers is only read as text where its text cannot matter (a model input that
    /// the train rows never filled). A caller that needs the exact text names the column as text.
    /// </summary>
    public override string? Text(int row) =>
        float.IsNaN(values[row]) ? null : values[row].ToString("R", CultureInfo.InvariantCulture);

    public override long Bytes => SizeOf(values.Length);

    internal static long SizeOf(long rows) => ArrayOverhead + 4 * rows;

    internal const long ArrayOverhead = 24;
}
