using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Platform.Tabular.Privacy;

namespace Platform.Tabular;

/// <summary>
/// Infers the schema and profiles every column in one pass over the records. Memory is bounded
/// whatever the file: each column keeps at most <see cref="MaxTrackedValues"/> distinct values,
/// their characters and a sample of numbers for the histogram, and the columns share
/// <see cref="TotalTrackedValues"/> and <see cref="TotalTrackedCharacters"/> so that a file of
/// many wide columns costs no more than one of a few (about 150 MB at most; a 20-column table
/// keeps its full per-column allowance). Each value is also searched for personal data (ADR 27),
/// once per distinct value within the same bound.
/// </summary>
public sealed class DatasetProfiler
{
    public const int MaxTrackedValues = 10_000;
    /// <summary>Distinct values (and histogram samples) kept over all columns together.</summary>
    public const int TotalTrackedValues = 1_000_000;
    /// <summary>Characters of the distinct values kept over all columns together (32 MiB as UTF-16).</summary>
    public const long TotalTrackedCharacters = 16L << 20;
    public const int TopCategoryCount = 10;
    public const int HistogramBins = 20;

    private readonly IReadOnlyList<string> _names;
    private readonly ColumnAccumulator[] _columns;
    private long _rows;

    /// <param name="personalData">Search the values for personal data (ADR 27); off only to measure what the search costs.</param>
    public DatasetProfiler(IReadOnlyList<string> columns, bool personalData = true)
    {
        _names = columns;
        var count = Math.Max(1, columns.Count);
        var values = Math.Min(MaxTrackedValues, TotalTrackedValues / count);
        var characters = TotalTrackedCharacters / count;
        _columns = columns.Select((name, i) => new ColumnAccumulator(i, personalData ? new PersonalDataTally(name) : null, values, characters)).ToArray();
    }

    private static readonly HashSet<string> BooleanWords = new(StringComparer.OrdinalIgnoreCase)
        { "true", "false", "yes", "no", "t", "f", "y", "n" };

    public void Add(string?[] values)
    {
        _rows++;
        for (var i = 0; i < _columns.Length; i++) _columns[i].Add(values[i]);
    }

    public DatasetProfile Build() => new(_rows, _columns.Select(c => c.Build(_names[c.Index])).ToArray());

    public static DatasetProfile Profile(CsvTableReader reader, bool personalData = true)
    {
        var profiler = new DatasetProfiler(reader.Columns, personalData);
        foreach (var record in reader.ReadRecords()) profiler.Add(record.Values);
        return profiler.Build();
    }

    /// <param name="maxValues">Distinct values kept, and the histogram's sample size.</param>
    /// <param name="maxCharacters">Characters of the distinct values kept: long free text stops being tracked early.</param>
    private sealed class ColumnAccumulator(int index, PersonalDataTally? personalData, int maxValues, long maxCharacters)
    {
        /// <summary>Each distinct value kept: how often it came, and the kinds of personal data in it (searched once, when it first came).</summary>
        private readonly Dictionary<string, (long Count, string[]? Kinds)> _counts = new(StringComparer.Ordinal);
        private readonly List<double> _sample = [];
        private readonly Random _sampling = new(index);
        private long _present, _missing, _textLength, _trackedCharacters;
        private bool _numeric = true, _boolean = true, _capped;
        private double _mean, _m2, _min = double.PositiveInfinity, _max = double.NegativeInfinity;

        public int Index => index;

        public void Add(string? value)
        {
            if (value is null) { _missing++; return; }
            _present++;
            _textLength += value.Length;
            // One hash lookup per value for counting and for personal data: a repeated value is not searched again.
            ref var seen = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, value);
            string[]? kinds;
            if (!Unsafe.IsNullRef(ref seen))
            {
                seen.Count++;
                kinds = seen.Kinds;
            }
            else
            {
                kinds = personalData?.Find(value);
                if (_counts.Count < maxValues && _trackedCharacters + value.Length <= maxCharacters)
                {
                    _counts[value] = (1, kinds);
                    _trackedCharacters += value.Length;
                }
                else _capped = true;
            }
            if (kinds is { Length: > 0 }) personalData!.Count(kinds);

            if (_boolean && !BooleanWords.Contains(value)) _boolean = false;
            if (!_numeric) return;
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                _numeric = false;
                return;
            }
            // Welford's update: stable for long columns of large numbers.
            var numbers = _present;
            var delta = number - _mean;
            _mean += delta / numbers;
            _m2 += delta * (number - _mean);
            _min = Math.Min(_min, number);
            _max = Math.Max(_max, number);
            // Reservoir sampling keeps a uniform sample of the numbers for the histogram.
            if (_sample.Count < maxValues) _sample.Add(number);
            else if (_sampling.NextInt64(numbers) is var slot && slot < maxValues) _sample[(int)slot] = number;
        }

        public ColumnProfile Build(string name)
        {
            var kind = Kind();
            var numeric = kind == ColumnKind.Numeric
                ? new NumericSummary(_min, _max, _mean, Math.Sqrt(_m2 / _present))
                : null;
            var top = kind == ColumnKind.Numeric
                ? []
                : _counts.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .Take(TopCategoryCount).Select(kv => new CategoryCount(kv.Key, kv.Value.Count)).ToArray();
            // The most frequent values are shown with the profile: personal data in them is masked
            // there as in the findings (values that mask alike are counted together).
            if (personalData is not null)
                top = top.GroupBy(c => personalData.Mask(c.Value), StringComparer.Ordinal)
                    .Select(g => new CategoryCount(g.Key, g.Sum(c => c.Count))).OrderByDescending(c => c.Count).ToArray();
            // Free text: its words, from the values kept (all of them unless the column outgrew the budget), those
            // holding personal data masked first so that no word of it is shown.
            var text = kind == ColumnKind.Text
                ? TextProfiler.Summarise(_counts.Select(kv => (kv.Value.Kinds is { Length: > 0 } ? personalData!.Mask(kv.Key) : kv.Key, kv.Value.Count)), _capped)
                : null;
            return new ColumnProfile(name, kind, _missing > 0, _present, _missing, _counts.Count, _capped, numeric,
                kind == ColumnKind.Numeric ? Histogram() : [], top, personalData?.Build(), text);
        }

        private ColumnKind Kind()
        {
            if (_present == 0) return ColumnKind.Categorical;
            if (_numeric) return ColumnKind.Numeric;
            if (_boolean && _counts.Count <= 2) return ColumnKind.Boolean;
            // A column that outgrew the budget of distinct values is free text whatever its lengths.
            return _capped || FreeText.Is(_counts.Count, _present, (double)_textLength / _present)
                ? ColumnKind.Text
                : ColumnKind.Categorical;
        }

        private HistogramBin[] Histogram()
        {
            if (_max == _min) return [new HistogramBin(_min, _max, _present)];
            var width = (_max - _min) / HistogramBins;
            var counts = new long[HistogramBins];
            foreach (var value in _sample) counts[Math.Min(HistogramBins - 1, (int)((value - _min) / width))]++;
            var scale = (double)_present / _sample.Count;
            return counts.Select((c, i) => new HistogramBin(_min + i * width, i == HistogramBins - 1 ? _max : _min + (i + 1) * width, (long)Math.Round(c * scale))).ToArray();
        }
    }
}
