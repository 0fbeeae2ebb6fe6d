using Platform.Tabular;

namespace Platform.Modeling.Tests;

/// <summary>The public datasets in ../shared/datasets (or $PLATFORM_DATASETS), read once per test run.</summary>
public static class SharedDatasets
{
    private static readonly Dictionary<string, TabularData> Cache = [];

    public static string Folder { get; } = Locate();

    public static TabularData Read(string file)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(file, out var data)) return data;
            using var stream = File.OpenRead(Path.Combine(Folder, file));
            return Cache[file] = CsvTableReader.ReadAll(stream);
        }
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_DATASETS") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("No shared/datasets folder above the test binaries; set PLATFORM_DATASETS.");
    }
}
