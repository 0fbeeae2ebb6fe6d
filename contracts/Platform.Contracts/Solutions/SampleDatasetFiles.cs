namespace Platform.Contracts.Solutions;

/// <summary>
/// Where the solutions' sample datasets are: the folder named by <c>PLATFORM_DATASETS</c> (or given
/// by the caller), else the repository's own <see cref="RepositoryFolder"/>, found above the running
/// binaries. The AppHost, the demo, the tests and the benchmarks all look here, so a clone needs
/// nothing beside it.
/// </summary>
public static class SampleDatasetFiles
{
    public const string EnvironmentVariable = "PLATFORM_DATASETS";

    /// <summary>The folder in the repository, relative to its root.</summary>
    public const string RepositoryFolder = "contracts/Platform.Contracts/Solutions/SampleDatasets";

    /// <summary>The folder given, else <c>$PLATFORM_DATASETS</c>, else the repository's, above the binaries or the working directory.</summary>
    public static string Folder(string? configured = null) =>
        (configured ?? Environment.GetEnvironmentVariable(EnvironmentVariable)) is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : InRepositoryAbove(AppContext.BaseDirectory, Environment.CurrentDirectory);

    /// <summary>The repository's folder, in the first of <paramref name="starts"/> or their parents that holds it.</summary>
    public static string InRepositoryAbove(params string[] starts)
    {
        foreach (var from in starts)
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RepositoryFolder);
                if (Directory.Exists(candidate)) return candidate;
            }
        throw new DirectoryNotFoundException(
            $"No {RepositoryFolder} above {string.Join(" or ", starts.Distinct())}; set {EnvironmentVariable} to the folder of the sample datasets.");
    }

    /// <summary>The path of one sample file; a file that is not there is an error naming the path looked for.</summary>
    public static string PathOf(string fileName, string? folder = null)
    {
        // The name comes from a solution definition or a caller, but it is still a path: only a plain file name.
        if (Path.GetFileName(fileName) != fileName || fileName.Length == 0)
            throw new ArgumentException($"A sample dataset is named by a plain file name, not '{fileName}'.", nameof(fileName));
        var path = Path.Combine(folder ?? Folder(), fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The sample dataset {path} does not exist.", path);
    }
}
