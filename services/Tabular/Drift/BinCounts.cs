namespace Platform.Tabular.Drift;

/// <summary>
/// Streaming bin counts of one window, one array per feature of a <see cref="ReferenceStatistics"/>:
/// memory is features × bins whatever the traffic. Not thread-safe; callers serialize adds.
/// </summary>
public sealed class BinCounts
{
    private readonly ReferenceStatistics _reference;

    public BinCounts(ReferenceStatistics reference)
    {
        _reference = reference;
        Counts = reference.Features.Select(f => new long[f.BinCount]).ToArray();
    }

    public long[][] Counts { get; }
    public long Rows { get; private set; }

    public void AddNumeric(int feature, ReadOnlySpan<float> values)
    {
        var reference = _reference.Features[feature];
        var counts = Counts[feature];
        foreach (var v in values) counts[reference.BinOf(v)]++;
    }

    public void AddNumeric(int feature, ReadOnlySpan<double> values)
    {
        var reference = _reference.Features[feature];
        var counts = Counts[feature];
        foreach (var v in values) counts[reference.BinOf(v)]++;
    }

    public void AddCategorical(int feature, ReadOnlySpan<string?> values)
    {
        var reference = _reference.Features[feature];
        var counts = Counts[feature];
        foreach (var v in values) counts[reference.BinOf(v)]++;
    }

    /// <summary>Counts rows once per batch, after its features were added.</summary>
    public void AddRows(long rows) => Rows += rows;

    public double[] Psi() => _reference.Psi(Counts);
}
