namespace Platform.SystemTests;

/// <summary>The processes started for one platform: those with its data folder in their environment.</summary>
public static class PlatformProcesses
{
    public sealed record Process(int Pid, string Executable, string Environment);

    public static IReadOnlyList<Process> Of(PlatformFixture platform) =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => p!.All(char.IsAsciiDigit))
            .Select(p => new Process(int.Parse(p!), Read($"/proc/{p}/cmdline").Split('\0')[0], Read($"/proc/{p}/environ")))
            .Where(p => p.Environment.Contains(platform.DataDirectory, StringComparison.Ordinal))];

    /// <summary>A service's own processes (its executable is <c>Platform.{Service}</c>).</summary>
    public static int[] OfService(PlatformFixture platform, string service) =>
        [.. Of(platform).Where(p => p.Executable.EndsWith($"/Platform.{service}", StringComparison.OrdinalIgnoreCase)).Select(p => p.Pid)];

    // A process may end while it is read.
    private static string Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return ""; }
    }
}
