namespace Platform.Tabular;

/// <summary>
/// One column of a <see cref="ColumnarTable"/>: numbers (<see cref="NumberColumn"/>) or codes into the
/// column's distinct texts (<see cref="CategoryColumn"/>). Either reads as a number exactly as
/// <see cref="NumericCell.ToFloat"/> reads the cell it came from.
/// </summary>
public abstract class TypedColumn(string name)
{
    public string Name { get; } = name;

    public abstract int Count { get; }

    /// <summary>The cell as <see cref="NumericCell.ToFloat"/> reads its text: NaN when missing or not a number.</summary>
    public abstract float Number(int row);

    /// <summary>The cell's text, null when missing. Exact for a <see cref="CategoryColumn"/>; see <see cref="NumberColumn.Text"/>.</summary>
    public abstract string? Text(int row);

    /// <summary>The bytes its arrays and texts hold (an estimate for texts: object headers included).</summary>
    public abstract long Bytes { get; }
}
