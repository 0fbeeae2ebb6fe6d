using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Platform.SystemTests;

/// <summary>
/// Each replica of a service by its own address (the AppHost's endpoint is a proxy that spreads
/// connections): the processes of this platform (their environment names its data folder) that run
/// the service's assembly, and the port each listens on.
/// </summary>
public static partial class ReplicaAddresses
{
    public static IReadOnlyList<Uri> Of(string assembly, string dataDirectory)
    {
        var pids = Directory.EnumerateDirectories("/proc")
            .Select(d => Path.GetFileName(d))
            .Where(d => d.All(char.IsAsciiDigit))
            .Where(pid => Read($"/proc/{pid}/cmdline").Contains(assembly, StringComparison.Ordinal)
                          && Read($"/proc/{pid}/environ").Contains(dataDirectory, StringComparison.Ordinal))
            .ToHashSet();
        using var ss = Process.Start(new ProcessStartInfo("ss", "-Hltnp") { RedirectStandardOutput = true })!;
        var listing = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        return listing.Split('\n')
            .Select(line => Listener().Match(line))
            .Where(m => m.Success && pids.Contains(m.Groups["pid"].Value))
            .Select(m => new Uri($"http://localhost:{m.Groups["port"].Value}"))
            .Distinct()
            .ToArray();
    }

    private static string Read(string path)
    {
        try { return File.ReadAllText(path).Replace('\0', ' '); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return ""; }
    }

    [GeneratedRegex(@"(?:127\.0\.0\.1|\[::1\]|\*|0\.0\.0\.0|\[::\]):(?<port>\d+)\s.*pid=(?<pid>\d+)")]
    private static partial Regex Listener();
}
