using System.Globalization;
using Platform.Contracts.Solutions;
using Platform.Tabular;

namespace Platform.Demo;

/// <summary>
/// The .NET half of <c>./platform bench serving</c>; the shell half drives wrk. Steps, each a process
/// of its own so the shell can run load in between:
/// <c>prepare</c> deploys the finance solution (the demo's journey), issues the key wrk sends and
/// writes the request bodies; <c>promote</c> makes the registry promote a new model version while
/// the shell keeps a load point running; <c>check</c> waits until billing agrees with what
/// Inference served; <c>open-loop</c> sends at a fixed rate (the half-rate point).
/// </summary>
public static class ServingBenchCommand
{
    public const string Name = "bench-serving";
    public const string Usage =
        "usage: Platform.Demo bench-serving prepare --endpoints <endpoints.json> --out <folder> [--vertical finance]\n" +
        "       Platform.Demo bench-serving promote --endpoints <endpoints.json> --state <state.json> [--timeout-seconds N]\n" +
        "       Platform.Demo bench-serving check --endpoints <endpoints.json> --state <state.json> --answered-rows N [--stall-seconds N] [--timeout-seconds N]\n" +
        "       Platform.Demo bench-serving open-loop --url <url> --key-file <file> --body <file> --rate <req/s> --seconds N [--connections N]";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length < 2) throw new ArgumentException(Usage);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"Unexpected '{args[i]}'. {Usage}");
            options[args[i][2..]] = args[++i];
        }
        string Get(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is needed. {Usage}");
        int GetInt(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        if (args[1] == "open-loop")
            return await OpenLoopLoad.RunAsync(Get("url"), File.ReadAllText(Get("key-file")).Trim(), Get("body"), double.Parse(Get("rate"), CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(GetInt("seconds", 8)), GetInt("connections", 64), output);

        var endpoints = Get("endpoints");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var client = new PlatformClient(PlatformEndpoints.Load(endpoints), http, DemoOptions.OperatorSecretBeside(endpoints));
        void Say(string line) => output.WriteLine($"  {line}");
        switch (args[1])
        {
            case "prepare":
                await PrepareAsync(client, options.GetValueOrDefault("vertical", "finance"), Get("out"), Say, output);
                return 0;
            case "promote":
            {
                var state = ServingBenchState.Load(Get("state"));
                client.Use(state.Credentials);
                await new ServingBenchPromotion(client, state, output).RunAsync(Path.GetDirectoryName(Path.GetFullPath(Get("state")))!,
                    TimeSpan.FromSeconds(GetInt("timeout-seconds", 900)), CancellationToken.None);
                return 0;
            }
            case "check":
            {
                var state = ServingBenchState.Load(Get("state"));
                client.Use(state.Credentials);
                return await ServingBenchBilling.CheckAsync(client, state, long.Parse(Get("answered-rows"), CultureInfo.InvariantCulture),
                    TimeSpan.FromSeconds(GetInt("stall-seconds", 60)), TimeSpan.FromSeconds(GetInt("timeout-seconds", 1800)), output, CancellationToken.None);
            }
            default:
                throw new ArgumentException(Usage);
        }
    }

    /// <summary>
    /// The demo's journey with one prediction, then a key of the benchmark's own (scope predict) that
    /// Inference must know before wrk sends it, and the bodies. The state file is the last line.
    /// </summary>
    private static async Task PrepareAsync(PlatformClient client, string vertical, string folder, Action<string> say, TextWriter output)
    {
        var ct = CancellationToken.None;
        string? datasetFile = null;
        var deployed = await new DeploymentJourney(client, say).RunAsync(vertical, sample => datasetFile = SampleDatasetFiles.PathOf(sample), 1, ct,
            plan: "growth"); // a run serves hundreds of thousands of predictions: starter's cap (100,000 a month) would refuse them
        var (tenant, deployment) = (deployed.TenantId, deployed.Deployment);
        var detail = await client.DeploymentAsync(tenant, deployment, ct);
        var target = detail["spec"]!["targetColumn"]!.GetValue<string>();

        var issued = await client.IssueApiKeyAsync(tenant, deployment, ["predict"], DateTimeOffset.UtcNow.AddDays(1), ct);
        var key = issued["apiKey"]!.GetValue<string>();
        var prefix = issued["key"]!["prefix"]!.GetValue<string>();
        await DeploymentJourney.WaitUntilAsync("inference knows the benchmark's key", async () =>
            (await client.ServingDeploymentsAsync(tenant, ct)).AsArray().Any(d => d!["name"]!.GetValue<string>() == deployment
                && d["apiKeyPrefixes"]!.AsArray().Any(p => p!.GetValue<string>() == prefix)),
            TimeSpan.FromSeconds(30), ct);
        say($"benchmark key {prefix}… issued (scope predict) and known to Inference");

        TabularData data;
        await using (var stream = File.OpenRead(datasetFile!)) data = CsvTableReader.ReadAll(stream);
        Directory.CreateDirectory(folder);
        string Write(string name, string body)
        {
            var path = Path.GetFullPath(Path.Combine(folder, name));
            File.WriteAllText(path, body);
            return path;
        }
        var credentials = client.CredentialsOf(tenant);
        var keyFile = Path.GetFullPath(Path.Combine(folder, "api-key"));
        ServingBenchState.WritePrivate(keyFile, key + "\n");
        var state = new ServingBenchState(
            tenant, credentials.ClientId, credentials.ClientSecret, deployment, Path.GetFileNameWithoutExtension(datasetFile!), datasetFile!, target, key, keyFile,
            detail["champion"]!["id"]!.GetValue<Guid>(),
            PredictBody1: Write("predict-1.json", ServingBenchBodies.Predict(data, target, 1)),
            PredictBody64: Write("predict-64.json", ServingBenchBodies.Predict(data, target, 64)),
            InferBody1: Write("infer-1.json", ServingBenchBodies.Infer(data, await client.InferenceModelMetadataAsync(deployment, key, ct))));
        var file = Path.Combine(folder, "state.json");
        state.Save(file);
        output.WriteLine(file);
    }
}
