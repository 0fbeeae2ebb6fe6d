namespace Platform.Tabular.Privacy;

/// <summary>
/// A column's personal data as the profiler counts it: per kind, the values that hold it and up to
/// three distinct masked examples. The profiler searches a value once, when it first sees it
/// (<see cref="Find"/>), keeps the kinds with its count, and counts every later occurrence (<see cref="Count"/>).
/// </summary>
internal sealed class PersonalDataTally(string columnName)
{
    private const int Examples = 3;
    private readonly PersonalDataDetector _detector = new(columnName);
    private readonly Dictionary<string, (long Values, List<string> Examples)> _kinds = new(StringComparer.Ordinal);

    /// <summary>The kinds of personal data in a value not seen before (none: empty), its masked examples noted.</summary>
    public string[] Find(string value)
    {
        var matches = _detector.Find(value);
        if (matches.Count == 0) return [];
        foreach (var m in matches)
        {
            var (_, examples) = Kind(m.Kind);
            var masked = PersonalDataMask.Mask(m.Kind, value.Substring(m.Start, m.Length));
            if (examples.Count < Examples && !examples.Contains(masked)) examples.Add(masked);
        }
        return [.. matches.Select(m => m.Kind).Distinct()];
    }

    /// <summary>One more value holding these kinds.</summary>
    public void Count(string[] kinds)
    {
        foreach (var kind in kinds)
        {
            var (values, examples) = Kind(kind);
            _kinds[kind] = (values + 1, examples);
        }
    }

    /// <summary><paramref name="value"/> with each piece of personal data in it masked: how the profile shows a top category.</summary>
    public string Mask(string value)
    {
        var matches = _detector.Find(value);
        if (matches.Count == 0) return value;
        var masked = new System.Text.StringBuilder(value);
        foreach (var m in matches.OrderByDescending(m => m.Start))
            masked.Remove(m.Start, m.Length).Insert(m.Start, PersonalDataMask.Mask(m.Kind, value.Substring(m.Start, m.Length)));
        return masked.ToString();
    }

    public IReadOnlyList<PersonalDataFinding> Build() =>
        PersonalDataKinds.All.Where(_kinds.ContainsKey).Select(k => new PersonalDataFinding(k, _kinds[k].Values, _kinds[k].Examples)).ToArray();

    private (long Values, List<string> Examples) Kind(string kind)
    {
        if (!_kinds.TryGetValue(kind, out var entry)) _kinds[kind] = entry = (0, []);
        return entry;
    }
}
