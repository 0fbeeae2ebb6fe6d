namespace Platform.Tabular;

/// <summary>
/// A column of text as one code a row (4 bytes) into its distinct values, in the order they were
/// first met; -1 where the cell is missing. The texts are the file's, exactly.
/// </summary>
public sealed class CategoryColumn : TypedColumn
{
    /// <summary>What one distinct text costs beside its characters: the string's header, its slot here and its entry in the dictionary that built it.</summary>
    internal const long DistinctOverhead = 64;

    private readonly int[] _codes;
    private readonly string[] _categories;
    private float[]? _numbers;

    public CategoryColumn(string name, int[] codes, string[] categories) : base(name)
    {
        _codes = codes;
        _categories = categories;
    }

    public IReadOnlyList<int> Codes => _codes;
    public IReadOnlyList<string> Categories => _categories;

    public override int Count => _codes.Length;

    public int Code(int row) => _codes[row];

    public override string? Text(int row) => _codes[row] < 0 ? null : _categories[_codes[row]];

    public override float Number(int row) => _codes[row] < 0 ? float.NaN : NumbersOfCodes[_codes[row]];

    /// <summary>Each category read as a number, once per column rather than once per row.</summary>
    public IReadOnlyList<float> NumbersOfCodes => _numbers ??= Array.ConvertAll(_categories, c => NumericCell.ToFloat(c));

    public override long Bytes => NumberColumn.SizeOf(_codes.Length) + NumberColumn.ArrayOverhead + _categories.Sum(c => SizeOf(c));

    internal static long SizeOf(string category) => DistinctOverhead + 2L * category.Length;
}
