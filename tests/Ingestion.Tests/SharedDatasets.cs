namespace Platform.Ingestion.Tests;

/// <summary>The public datasets in ../shared/datasets (or $PLATFORM_DATASETS).</summary>
public static class SharedDatasets
{
    public static string Folder { get; } = Locate();

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
