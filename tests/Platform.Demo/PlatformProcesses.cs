namespace Platform.Demo;

/// <summary>
/// The processes started for one platform: those with its data folder in their environment (the
/// AppHost hands it to every service). The chaos test kills them, the hardening test checks their
/// listeners, the memory benchmark reads their peak memory.
/// </summary>
public static class PlatformProcesses
{
    public sealed record Process(int Pid, string Executable, string Environment);

    public static IReadOnlyList<Process> Of(string dataDirectory) =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => p!.All(char.IsAsciiDigit))
            .Select(p => new Process(int.Parse(p!), Read($"/proc/{p}/cmdline").Split('\0')[0], Read($"/proc/{p}/environ")))
            .Where(p => p.Environment.Contains(dataDirectory, StringComparison.Ordinal))];

    /// <summary>A service's own processes (its executable is <c>Platform.{Service}</c>).</summary>
    public static int[] OfService(string dataDirectory, string service) =>
        [.. Of(dataDirectory).Where(p => p.Executable.EndsWith($"/Platform.{service}", StringComparison.OrdinalIgnoreCase)).Select(p => p.Pid)];

    /// <summary>A field of <c>/proc/{pid}/status</c> in bytes (VmRSS now, VmHWM the peak so far); null once the process is gone.</summary>
    public static long? MemoryBytes(int pid, string field)
    {
        foreach (var line in Read($"/proc/{pid}/status").Split('\n'))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var kib = line[(field.Length + 1)..].Trim().Split(' ')[0];
            return long.TryParse(kib, out var value) ? value * 1024 : null;
        }
        return null;
    }

    // A process may end while it is read.
    private static string Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return ""; }
    }
}
