using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Platform.Contracts;
using Platform.Tabular;

namespace Platform.Demo;

/// <summary>
/// One customer's journey through the public APIs: register, deploy a solution, upload data, wait
/// for the promoted model to answer, call it, and read the bill. Every step is a message-driven
/// flow inside the platform; this side only calls HTTP and waits.
/// </summary>
public sealed class DeploymentJourney(PlatformClient client, Action<string> say)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long the model may take to be promoted and served (a text model fine-tunes for minutes).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// The instances predictions are sent from, given the uploaded file and the target; by default
    /// the file's own rows (a CSV), the target left out. An image archive's are images (ADR 34).
    /// </summary>
    public Func<string, string, IReadOnlyList<JsonObject>>? Instances { get; init; }

    /// <param name="datasetFile">The path of the CSV to upload, given the solution's sample dataset name.</param>
    /// <param name="plan">The organization's plan: its hard cap bounds how many predictions it may be served a month.</param>
    public async Task<JourneyResult> RunAsync(string vertical, Func<string, string> datasetFile, int predictions, CancellationToken ct, string plan = "starter")
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var organization = await client.CreateOrganizationAsync($"{vertical}-demo-{suffix}", plan, ct);
        var tenantId = organization.TenantId;
        await client.WaitUntilEveryServiceKnowsAsync(tenantId, ct);
        say($"organization {tenantId} created; its API client {organization.ClientId} gets OAuth tokens (client credentials)");

        var solution = await FindSolutionAsync(tenantId, vertical, ct);
        var solutionName = solution["name"]!.GetValue<string>();
        var target = solution["targetColumn"]!.GetValue<string>();
        var file = datasetFile(solution["sampleDataset"]!.GetValue<string>());
        var dataset = Path.GetFileNameWithoutExtension(file);

        var deploymentName = $"{solutionName}-{suffix}";
        var created = await client.CreateDeploymentAsync(tenantId, deploymentName, solutionName, dataset, ct);
        var apiKey = created["apiKey"]!.GetValue<string>();
        say($"deployment {deploymentName} created (API key {apiKey[..10]}…, shown once)");

        var clock = Stopwatch.StartNew();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var upload = await client.UploadDatasetAsync(tenantId, dataset, file, target, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01", ct);
        var datasetVersionId = upload["id"]!.GetValue<Guid>();
        say($"uploaded {Path.GetFileName(file)} as {dataset} v{upload["number"]} ({upload["sizeBytes"]} bytes, trace {traceId})");

        var champion = await WaitForChampionAsync(tenantId, deploymentName, ct);
        var championId = champion["id"]!.GetValue<Guid>();
        await WaitUntilAsync("inference serves the promoted model", async () =>
        {
            var serving = await client.ServingDeploymentsAsync(tenantId, ct);
            return serving.AsArray().Any(d => d!["name"]?.GetValue<string>() == deploymentName
                && d["modelVersionId"]?.GetValue<Guid>() == championId && d["loaded"]?.GetValue<bool>() == true);
        }, Timeout, ct);
        var secondsToServing = clock.Elapsed.TotalSeconds;
        say($"model v{champion["number"]} ({champion["technique"]}) promoted and serving {secondsToServing:F1} s after the upload");

        var latencies = await PredictAsync(deploymentName, apiKey, file, target, predictions, ct);
        say($"{predictions} predictions served, p50 {Percentile(latencies, 0.5):F2} ms, p95 {Percentile(latencies, 0.95):F2} ms per request");

        long billed = 0;
        await WaitUntilAsync("billing applied every prediction", async () =>
        {
            billed = (await client.UsageAsync(tenantId, ct))["predictions"]!.GetValue<long>();
            return billed >= predictions;
        }, TimeSpan.FromSeconds(60), ct);
        var invoice = await client.InvoicePreviewAsync(tenantId, ct);

        var versions = (await client.ModelVersionsAsync(tenantId, deploymentName, ct)).AsArray();
        var fp32 = versions.First(v => v!["technique"]!.GetValue<string>() == "fp32" && v["runId"]!.GetValue<Guid>() == champion["runId"]!.GetValue<Guid>())!;
        JsonNode? Variant(string technique) => versions.FirstOrDefault(v => v!["technique"]!.GetValue<string>() == technique && v["parentVersionId"]?.GetValue<Guid>() == fp32["id"]!.GetValue<Guid>());
        var int8 = Variant("int8");
        var distilled = Variant("distilled");
        var pruned = Variant("pruned");
        foreach (var candidate in fp32["candidates"]?.AsArray() ?? [])
        {
            var folds = candidate!["crossValidationAuc"]?.GetValue<double>();
            say($"{candidate["family"]}: " + (folds is { } f ? $"cross-validation ROC-AUC {f:F4}, " : "") +
                $"validation {candidate["validationAuc"]!.GetValue<double>():F4}, test {candidate["testAuc"]!.GetValue<double>():F4}"
                + (candidate["chosen"]!.GetValue<bool>() ? (folds is null ? " (chosen on validation)" : " (chosen out of fold)") : ""));
        }

        return new JourneyResult(
            DatasetVersion: datasetVersionId.ToString(),
            ModelVersion: championId.ToString(),
            PromotedVariant: champion["technique"]!.GetValue<string>(),
            Family: fp32["family"]!.GetValue<string>(),
            TestAuc: Math.Round(fp32["testAuc"]!.GetValue<double>(), 4),
            Fp32Bytes: fp32["artifact"]!["sizeBytes"]!.GetValue<long>(),
            Int8Bytes: int8?["artifact"]!["sizeBytes"]!.GetValue<long>() ?? 0,
            Int8TestAuc: Round(int8?["testAuc"]),
            DistilledBytes: distilled?["artifact"]!["sizeBytes"]!.GetValue<long>() ?? 0,
            DistilledTestAuc: Round(distilled?["testAuc"]),
            PrunedBytes: pruned?["artifact"]!["sizeBytes"]!.GetValue<long>() ?? 0,
            PrunedTestAuc: Round(pruned?["testAuc"]),
            // Each variant's compression report measured it and its parent in turns, on the same rows (ADR 15).
            Fp32LatencyBatch64Ms: Round(distilled?["compression"]?["baselineLatencyBatch64Ms"]),
            DistilledLatencyBatch64Ms: Round(distilled?["compression"]?["latencyBatch64Ms"]),
            P50LatencyMs: Math.Round(Percentile(latencies, 0.5), 3),
            Predictions: predictions,
            BilledPredictions: billed,
            InvoiceTotal: invoice["total"]!.GetValue<decimal>(),
            TraceId: traceId)
        {
            SecondsToServing = Math.Round(secondsToServing, 1),
            Deployment = deploymentName,
            TenantId = tenantId,
            InvoiceCurrency = invoice["currency"]?.GetValue<string>() ?? "",
            ApiKey = apiKey,
        };
    }

    /// <summary>A figure of a variant that may not have been made: null then (JSON has no NaN).</summary>
    private static double? Round(JsonNode? value) => value is null ? null : Math.Round(value.GetValue<double>(), 4);

    private async Task<JsonNode> FindSolutionAsync(Guid tenantId, string vertical, CancellationToken ct)
    {
        var solutions = (await client.SolutionsAsync(tenantId, ct)).AsArray();
        return solutions.FirstOrDefault(s => s!["name"]!.GetValue<string>() == vertical)
            ?? solutions.FirstOrDefault(s => s!["vertical"]!.GetValue<string>() == vertical)
            ?? throw new ArgumentException($"No solution or vertical named '{vertical}'. Known: {string.Join(", ", solutions.Select(s => s!["name"]))}");
    }

    private async Task<JsonNode> WaitForChampionAsync(Guid tenantId, string deployment, CancellationToken ct)
    {
        var lastReport = "";
        JsonNode? champion = null;
        await WaitUntilAsync("the deployment's model is promoted", async () =>
        {
            var detail = await client.DeploymentAsync(tenantId, deployment, ct);
            var state = detail["deployment"]!["state"]!.GetValue<string>();
            var run = detail["runs"]!.AsArray().FirstOrDefault();
            if (state == "Failed") throw new InvalidOperationException($"The deployment failed: {run?["reason"]}");
            var report = run is null ? state : $"{state}: run {run["state"]}, epoch {run["epoch"]}";
            if (report != lastReport) say(lastReport = report);
            champion = detail["champion"];
            return state == "Serving" && champion is not null;
        }, Timeout, ct);
        return champion!;
    }

    /// <summary>Sends <see cref="Instances"/> (rows of the dataset itself, target removed) one per request, two requests at a time.</summary>
    private async Task<List<double>> PredictAsync(string deployment, string apiKey, string file, string target, int count, CancellationToken ct)
    {
        var instances = Instances?.Invoke(file, target) ?? RowsOf(file, target);

        var latencies = new List<double>(count);
        var next = -1;
        async Task Worker()
        {
            for (int i; (i = Interlocked.Increment(ref next)) < count;)
            {
                var started = Stopwatch.GetTimestamp();
                await client.PredictAsync(deployment, apiKey, [instances[i % instances.Count].DeepClone()], ct);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies) latencies.Add(ms);
            }
        }
        await Task.WhenAll(Worker(), Worker());
        return latencies;
    }

    private static IReadOnlyList<JsonObject> RowsOf(string file, string target)
    {
        using var stream = File.OpenRead(file);
        var data = CsvTableReader.ReadAll(stream);
        return [.. data.Rows.Select(row => ToInstance(data.Columns, row, target))];
    }

    /// <summary>A row of the dataset as a predict instance: the target left out, numbers as numbers.</summary>
    internal static JsonObject ToInstance(IReadOnlyList<string> columns, string?[] row, string target)
    {
        var instance = new JsonObject();
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c] == target) continue;
            instance[columns[c]] = row[c] is not { } text ? null
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
                : JsonValue.Create(text);
        }
        return instance;
    }

    /// <summary>
    /// One instance a request, pinned to one version, measured two ways (ms): back to back, where each
    /// request meets the work the previous answers left behind (their usage billed, their spans traced
    /// on the same two cores), and paced, a caller that sends one now and then (<see cref="Pace"/>
    /// apart), whose request finds the platform idle. On 2 cores a lone one-row finance predict took
    /// 2.4 ms with Billing and the dashboard paused, 7.4 ms back to back with both running.
    /// </summary>
    internal static async Task<SingleCallerLatency> SingleCallerP50Async(
        PlatformClient client, JourneyResult journey, IReadOnlyList<JsonObject> instances, int version, CancellationToken ct)
    {
        var (backToBack, paced) = (new List<double>(), new List<double>());
        foreach (var instance in instances) backToBack.Add(await TimedAsync(instance));
        foreach (var instance in instances)
        {
            await Task.Delay(Pace, ct);
            paced.Add(await TimedAsync(instance));
        }
        return new SingleCallerLatency(Math.Round(Percentile(backToBack, 0.5), 2), Math.Round(Percentile(paced, 0.5), 2));

        async Task<double> TimedAsync(JsonObject instance)
        {
            var started = Stopwatch.GetTimestamp();
            await client.PredictAsync(journey.Deployment, journey.ApiKey, [instance.DeepClone()], ct, version);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    /// <summary>The paced caller's gap between requests: long enough for one answer's usage and spans to be dealt with.</summary>
    internal static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);

    internal static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting until {what}.");
            await Task.Delay(250, ct);
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}

/// <summary>A single caller's p50 through predict, one instance a request: back to back, and paced (<see cref="DeploymentJourney.Pace"/> apart).</summary>
public sealed record SingleCallerLatency(
    [property: JsonPropertyName("backToBackP50Ms")] double BackToBackP50Ms,
    [property: JsonPropertyName("pacedP50Ms")] double PacedP50Ms);
