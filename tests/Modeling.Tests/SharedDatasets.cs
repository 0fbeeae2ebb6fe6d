using Platform.Contracts.Solutions;
using Platform.Tabular;

namespace Platform.Modeling.Tests;

/// <summary>The repository's sample datasets (or $PLATFORM_DATASETS), read once per test run.</summary>
public static class SharedDatasets
{
    private static readonly Dictionary<string, TabularData> Cache = [];

    public static TabularData Read(string file)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(file, out var data)) return data;
            using var stream = File.OpenRead(SampleDatasetFiles.PathOf(file));
            return Cache[file] = CsvTableReader.ReadAll(stream);
        }
    }
}
