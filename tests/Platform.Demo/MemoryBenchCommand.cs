using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;
using Platform.Contracts.Solutions;

namespace Platform.Demo;

/// <summary>
/// The .NET half of <c>./platform bench memory</c> (issue 19's target: a 2 GiB CSV upload leaves
/// Ingestion within its memory budget, and training refuses or completes within its own while the
/// worker lives on). It writes a credit table of the finance solution's columns plus a free-text
/// column of about 2,100 characters a row (an officer's notes), so 2 GiB stays under the row limit,
/// uploads it to a new deployment, samples Ingestion's and Training's resident memory the whole
/// time, waits for the pipeline to end and says how it ended and what each process peaked at.
/// </summary>
public static class MemoryBenchCommand
{
    public const string Name = "bench-memory";
    public const string Usage = "usage: Platform.Demo bench-memory --endpoints <endpoints.json> --out <folder> [--bytes N] [--timeout-seconds N]";
    private const string Deployment = "credit-large";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = CommandOptions.Parse(args, Usage);
        string Get(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is needed. {Usage}");
        // 2 GiB less 1 MiB: the upload limit is 2 GiB, headers and all.
        var bytes = options.TryGetValue("bytes", out var b) ? long.Parse(b, CultureInfo.InvariantCulture) : (2L << 30) - (1L << 20);
        var timeout = TimeSpan.FromSeconds(options.TryGetValue("timeout-seconds", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 3600);
        var endpoints = Get("endpoints");
        var dataDirectory = Path.GetDirectoryName(Path.GetFullPath(endpoints))!;
        var folder = Get("out");
        Directory.CreateDirectory(folder);
        var ct = CancellationToken.None;
        void Say(string line) => output.WriteLine($"  [{DateTime.UtcNow:HH:mm:ss}] {line}");

        // The upload streams for minutes; the client must not give up first.
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var client = new PlatformClient(PlatformEndpoints.Load(endpoints), http, DemoOptions.OperatorSecretBeside(endpoints));
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var organization = await client.CreateOrganizationAsync($"memory-bench-{suffix}", "growth", ct);
        await client.WaitUntilEveryServiceKnowsAsync(organization.TenantId, ct);
        await client.CreateDeploymentAsync(organization.TenantId, Deployment, "finance-credit-risk", Deployment, ct);

        var file = Path.Combine(folder, "credit-large.csv");
        var clock = Stopwatch.StartNew();
        var rows = WriteTable(SampleDatasetFiles.PathOf("finance-credit.csv"), file, bytes);
        var size = new FileInfo(file).Length;
        Say($"wrote {size:N0} bytes ({size / (double)(1L << 30):F2} GiB), {rows:N0} rows (the finance sample's columns and a 2,100-character Notes), in {clock.Elapsed.TotalSeconds:F0} s");

        var ingestion = Single(dataDirectory, ResourceNames.Ingestion);
        var training = Single(dataDirectory, ResourceNames.Training);
        using var sampler = new PeakSampler([ingestion, training]);
        Say($"Ingestion pid {ingestion} at {Mib(PlatformProcesses.MemoryBytes(ingestion, "VmRSS"))}, Training pid {training} at {Mib(PlatformProcesses.MemoryBytes(training, "VmRSS"))} resident");

        clock.Restart();
        string uploadOutcome;
        try
        {
            var version = await client.UploadDatasetAsync(organization.TenantId, Deployment, file, null, $"00-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01", ct);
            uploadOutcome = $"accepted as version {version["number"]} ({version["rows"]} rows, {version["columns"]} columns)";
        }
        catch (PlatformApiException ex)
        {
            uploadOutcome = $"refused: {ex.Message}";
        }
        var uploadSeconds = clock.Elapsed.TotalSeconds;
        Say($"upload {uploadOutcome} after {uploadSeconds:F0} s; Ingestion peaked at {Mib(sampler.Peak(ingestion))} resident");

        var outcome = "no training (the upload was refused)";
        if (uploadOutcome.StartsWith("accepted", StringComparison.Ordinal))
        {
            clock.Restart();
            var last = "";
            await DeploymentJourney.WaitUntilAsync("the pipeline to end", async () =>
            {
                var detail = await client.DeploymentAsync(organization.TenantId, Deployment, ct);
                var state = detail["deployment"]!["state"]!.GetValue<string>();
                var run = detail["runs"]!.AsArray().FirstOrDefault();
                var report = run is null ? state : $"{state}: run {run["state"]}, epoch {run["epoch"]}";
                if (report != last) Say(last = report);
                if (state is "Serving" or "Failed") outcome = $"{state} after {clock.Elapsed.TotalSeconds:F0} s" + (run?["reason"] is { } reason ? $": {reason}" : "");
                return state is "Serving" or "Failed";
            }, timeout, ct);
        }
        File.Delete(file);

        var alive = PlatformProcesses.OfService(dataDirectory, ResourceNames.Training).Contains(training);
        output.WriteLine();
        output.WriteLine($"Memory benchmark: {size:N0}-byte CSV ({rows:N0} rows), upload {uploadSeconds:F0} s");
        output.WriteLine($"  Ingestion (pid {ingestion}): peak resident {Mib(sampler.Peak(ingestion))} while it streamed, staged, validated and profiled the upload; {uploadOutcome}");
        output.WriteLine($"  Training (pid {training}): peak resident {Mib(sampler.Peak(training))}; {outcome}");
        output.WriteLine($"  the training worker {(alive ? "is the same process, alive" : "DIED or was replaced")}");
        return alive ? 0 : 1;
    }

    /// <summary>
    /// The sample's rows, cycled, each with a row number in its notes so no two rows are alike, until
    /// the file has <paramref name="bytes"/> (it stops at the last whole row that fits).
    /// </summary>
    private static long WriteTable(string sample, string path, long bytes)
    {
        var lines = File.ReadAllLines(sample);
        var words = "applicant income verified employer contacted collateral appraised deposit history stable reference checked"
            .Split(' ');
        var random = new Random(19);
        var notes = new StringBuilder();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        var header = lines[0] + ",Notes";
        writer.WriteLine(header);
        long written = header.Length + 1, rows = 0;
        while (true)
        {
            var line = lines[1 + (int)(rows % (lines.Length - 1))];
            notes.Clear().Append('"').Append("row ").Append(rows.ToString(CultureInfo.InvariantCulture)).Append(':');
            while (notes.Length < 2_120) notes.Append(' ').Append(words[random.Next(words.Length)]);
            notes.Append('"');
            var length = line.Length + 1 + notes.Length + 1;
            if (written + length > bytes) break;
            writer.Write(line);
            writer.Write(',');
            writer.Write(notes);
            writer.Write('\n');
            written += length;
            rows++;
        }
        return rows;
    }

    private static int Single(string dataDirectory, string service) =>
        PlatformProcesses.OfService(dataDirectory, service) is [var pid] ? pid
            : throw new InvalidOperationException($"expected one {service} process of the platform in {dataDirectory}");

    private static string Mib(long? bytes) => bytes is { } b ? $"{b / (double)(1 << 20):N0} MiB" : "?";

    /// <summary>The highest resident memory of each process, read from /proc every 100 ms.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Dictionary<int, long> _peaks;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public PeakSampler(int[] pids)
        {
            _peaks = pids.ToDictionary(p => p, _ => 0L);
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    lock (_peaks)
                        foreach (var pid in pids)
                            if (PlatformProcesses.MemoryBytes(pid, "VmRSS") is { } rss && rss > _peaks[pid]) _peaks[pid] = rss;
                    try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { }
                }
            });
        }

        public long Peak(int pid)
        {
            lock (_peaks) return _peaks[pid];
        }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }
}
