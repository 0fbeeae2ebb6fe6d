using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>
/// The local broker's epmd and Erlang distribution default to every interface, and the distribution
/// runs any code for a peer that knows the cookie: nothing the broker listens on may leave loopback.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class LoopbackListenersTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_socket_the_local_broker_listens_on_is_loopback()
    {
        // Containers and given servers are not started by infra/local/rabbitmq.sh; their binding is not ours.
        if (!RunsLocalBroker()) return;

        // The AppHost keeps the broker's data in <data directory>/rabbitmq; the fixture's data directory
        // is the folder above its artifacts.
        var folder = Path.Combine(Path.GetDirectoryName(platform.ArtifactsFolder)!, "rabbitmq");
        var broker = ProcessesMentioning(folder);
        var listeners = (await ListeningSocketsAsync()).Where(l => broker.Contains(l.Pid)).ToList();

        // Without both, the check below would pass on nothing: the search for the broker broke, not the broker.
        foreach (var name in new[] { "epmd", "beam.smp" })
            Assert.True(listeners.Any(l => l.Process == name),
                $"No listening socket of {name} among the processes mentioning {folder} (pids {string.Join(", ", broker)}).");
        var exposed = listeners.Where(l => !IsLoopback(l.Address)).Select(l => $"{l.Process} (pid {l.Pid}) on {l.Endpoint}").ToList();
        Assert.True(exposed.Count == 0, $"The local broker listens beyond loopback: {string.Join("; ", exposed)}.");
    }

    private bool RunsLocalBroker() =>
        platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Any(r => r.Name == ResourceNames.Messaging && r is ExecutableResource);

    /// <summary>
    /// Processes whose command line or environment names the folder. beam.smp has it on its command
    /// line; epmd (<c>epmd -port N</c>) only in its environment, which the script exports to it, and
    /// so would an epmd that erl started itself, which no pid file records.
    /// </summary>
    private static HashSet<int> ProcessesMentioning(string folder)
    {
        var pids = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(folder, StringComparison.Ordinal)
                    || File.ReadAllText(Path.Combine(dir, "environ")).Contains(folder, StringComparison.Ordinal))
                    pids.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Exited meanwhile, or another user's: not ours.
            }
        }
        return pids;
    }

    /// <summary>Every listening TCP socket with its owning processes, from <c>ss -Hltnp</c>.</summary>
    private static async Task<List<Listener>> ListeningSocketsAsync()
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", "-Hltnp") { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("ss did not start");
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        Assert.True(ss.ExitCode == 0, $"ss -Hltnp exited with {ss.ExitCode}");

        var listeners = new List<Listener>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // LISTEN 0 128 127.0.0.1:40315 0.0.0.0:* users:(("beam.smp",pid=10999,fd=18))
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6) continue; // no process shown: not one of ours
            var local = fields[3];
            var colon = local.LastIndexOf(':');
            var address = local[..colon].Trim('[', ']').Split('%')[0]; // [::1], 127.0.0.1%lo
            var port = int.Parse(local[(colon + 1)..]);
            foreach (Match user in User().Matches(line))
                listeners.Add(new Listener(user.Groups["name"].Value, int.Parse(user.Groups["pid"].Value), address, port));
        }
        return listeners;
    }

    private static bool IsLoopback(string address) =>
        IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);

    private sealed record Listener(string Process, int Pid, string Address, int Port)
    {
        public string Endpoint => Address.Contains(':') ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
    }

    [GeneratedRegex("""\("(?<name>[^"]*)",pid=(?<pid>\d+),fd=\d+\)""")]
    private static partial Regex User();
}
