using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Tabular;

namespace Platform.Demo;

/// <summary>
/// The retraining loop seen from outside, through the public APIs only: deploy a solution, send
/// traffic drawn from the data as it was (no drift may be raised), then traffic whose two most
/// important numeric columns (as the model ranks them) are shifted by two standard deviations,
/// send those rows' true labels as feedback, and wait for the platform's champion/challenger decision.
/// </summary>
public sealed class RetrainingJourney(PlatformClient client, Action<string> say)
{
    public const int WindowRows = 250;
    private const int BatchSize = 10;
    private const double ShiftInStandardDeviations = 2;

    public async Task<RetrainingResult> RunAsync(string vertical, Func<string, string> datasetFile, int predictionsPerPhase, CancellationToken ct)
    {
        var deployed = await new DeploymentJourney(client, say).RunAsync(vertical, datasetFile, 1, ct);
        var (tenant, deployment) = (deployed.TenantId, deployed.Deployment);
        var detail = await client.DeploymentAsync(tenant, deployment, ct);
        var champion = detail["champion"]!;
        var championId = champion["id"]!.GetValue<Guid>();
        var target = detail["spec"]!["targetColumn"]!.GetValue<string>();

        // Windows small enough that each phase spans several; the rest of the policy keeps its defaults.
        await client.PutRetrainingPolicyAsync(tenant, deployment, new { windowRows = WindowRows, consecutiveWindows = 2, psiThreshold = 0.2, minLabelledRows = predictionsPerPhase }, ct);
        await DeploymentJourney.WaitUntilAsync("inference applies the drift policy", async () =>
            (await client.ServingDeploymentsAsync(tenant, ct)).AsArray()
                .Any(d => d!["name"]!.GetValue<string>() == deployment && d["drift"]!["windowRows"]!.GetValue<int>() == WindowRows),
            TimeSpan.FromSeconds(30), ct);

        var solution = (await client.SolutionsAsync(tenant, ct)).AsArray().First(s => s!["name"]!.GetValue<string>() == detail["deployment"]!["solution"]!.GetValue<string>())!;
        TabularData data;
        await using (var stream = File.OpenRead(datasetFile(solution["sampleDataset"]!.GetValue<string>()))) data = CsvTableReader.ReadAll(stream);
        var random = new Random(20261201);

        // Phase 1: the data as it was.
        var before = Sample(data, random, predictionsPerPhase);
        await PredictAsync(deployment, deployed.ApiKey, data, before, target, shift: null, ct);
        var windowsBefore = predictionsPerPhase / WindowRows;
        var preShift = await WaitForWindowsAsync(tenant, deployment, windowsBefore, ct);
        var falseAlarms = preShift.Count(w => w!["driftDetected"]!.GetValue<bool>());
        say($"{predictionsPerPhase} predictions like the training data: {preShift.Count} drift windows, max PSI {preShift.Max(w => w!["maxPsi"]!.GetValue<double>()):F3}, {falseAlarms} false alarms");

        // Phase 2: the world moves on the columns the model leans on most.
        var importance = champion["featureImportance"]!.AsObject().Select(kv => (Column: kv.Key, Value: kv.Value!.GetValue<double>()));
        var numeric = NumericColumns(data, target);
        var shifted = importance.Where(i => numeric.ContainsKey(i.Column)).OrderByDescending(i => i.Value).Take(2).Select(i => i.Column).ToArray();
        var shift = shifted.ToDictionary(c => c, c => ShiftInStandardDeviations * numeric[c]);
        say($"shifting {string.Join(" and ", shifted.Select(c => $"{c} by +{shift[c]:G4}"))} (+2 standard deviations; the model's two most important numeric columns)");

        var clock = Stopwatch.StartNew();
        var after = Sample(data, random, predictionsPerPhase);
        var served = await PredictAsync(deployment, deployed.ApiKey, data, after, target, shift, ct);
        await DeploymentJourney.WaitUntilAsync("drift is detected", async () => (await client.DriftAsync(tenant, deployment, ct)).AsArray().Any(w => w!["driftDetected"]!.GetValue<bool>()),
            TimeSpan.FromSeconds(60), ct);
        say($"drift detected {clock.Elapsed.TotalSeconds:F1} s after the shift began");

        // Ground truth arrives later in real life; here it is the rows' own labels.
        var targetIndex = data.ColumnIndex(target);
        // One request: feedback is all or nothing, and the retraining waits for all of it.
        var items = new JsonArray(served.Select(s => (JsonNode)new JsonObject { ["predictionId"] = s.PredictionId, ["label"] = data.Rows[s.Row][targetIndex] }).ToArray());
        await client.FeedbackAsync(deployment, deployed.ApiKey, items, ct);
        say($"{served.Count} true labels sent as feedback");

        JsonNode? episode = null;
        var lastState = "";
        await DeploymentJourney.WaitUntilAsync("the retraining decides", async () =>
        {
            episode = (await client.RetrainingAsync(tenant, deployment, ct)).AsArray().LastOrDefault(); // the oldest: this deployment's first
            var state = episode?["state"]?.GetValue<string>() ?? "no retraining yet";
            if (state != lastState) say($"retraining: {lastState = state}");
            if (state == "Failed") throw new InvalidOperationException($"The retraining failed: {episode!["reason"]}");
            return episode?["decision"]?.GetValue<string>() is not null;
        }, TimeSpan.FromMinutes(5), ct);
        var seconds = clock.Elapsed.TotalSeconds;

        var conceptShift = await ConceptShiftAsync(tenant, deployment, deployed.ApiKey, data, target, champion, shifted, predictionsPerPhase, random, ct);

        var windows = (await client.DriftAsync(tenant, deployment, ct)).AsArray();
        var opened = windows.FirstOrDefault(w => w!["driftDetected"]!.GetValue<bool>());
        var challengerId = episode!["challengerVersionId"]?.GetValue<Guid>();
        int? challengerNumber = challengerId is { } id ? (await client.ModelVersionAsync(tenant, id, ct))["number"]!.GetValue<int>() : null;
        return new RetrainingResult(
            DriftDetected: opened is not null,
            DriftFeatures: opened?["driftedFeatures"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray() ?? [],
            PsiMax: Math.Round(windows.Max(w => w!["maxPsi"]!.GetValue<double>()), 4),
            FalseAlarmsBeforeShift: falseAlarms,
            ChallengerVersion: challengerNumber,
            ChampionAuc: Round(episode["championAuc"]),
            ChallengerAuc: Round(episode["challengerAuc"]),
            Decision: episode["decision"]?.GetValue<string>(),
            SecondsFromShiftToDecision: Math.Round(seconds, 1),
            TraceId: episode["traceId"]?.GetValue<string>(),
            ConceptShift: conceptShift)
        {
            Deployment = deployment,
            TenantId = tenant,
            ShiftedColumns = shifted,
            WindowsBeforeShift = preShift.Count,
            Reason = episode["reason"]?.GetValue<string>(),
            ChallengerVersionId = challengerId,
            ChampionVersionId = championId,
            DatasetVersionId = episode["datasetVersionId"]?.GetValue<Guid>(),
            ApiKey = deployed.ApiKey,
        };
    }

    /// <summary>
    /// The winning branch: the outcome changes for a segment. Rows from the top decile of the
    /// champion's most important numeric column that phase 2 did not shift are served again, and
    /// their true labels are now the opposite class. The labelled feedback shows it, live quality
    /// drops, and the challenger trained on the new rows must win by the margin and be hot-swapped
    /// while traffic keeps flowing; every request during it is counted.
    /// </summary>
    private async Task<ConceptShiftResult> ConceptShiftAsync(
        Guid tenant, string deployment, string apiKey, TabularData data, string target, JsonNode champion, string[] shifted, int rows, Random random, CancellationToken ct)
    {
        // The covariate shift was handled; this phase retrains on quality alone, at once.
        await client.PutRetrainingPolicyAsync(tenant, deployment,
            new { windowRows = WindowRows, consecutiveWindows = 2, psiThreshold = 0.2, minLabelledRows = rows, cooldownSeconds = 0, onDrift = false }, ct);
        var earlier = (await client.RetrainingAsync(tenant, deployment, ct)).AsArray().Select(e => e!["id"]!.GetValue<Guid>()).ToHashSet();

        var numeric = NumericColumns(data, target);
        var column = champion["featureImportance"]!.AsObject()
            .Where(kv => numeric.ContainsKey(kv.Key) && !shifted.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value!.GetValue<double>()).First().Key;
        var index = data.ColumnIndex(column);
        var values = data.Rows.Select(r => double.TryParse(r[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        var cut = values.Where(v => !double.IsNaN(v)).Order().ElementAt((int)(0.9 * values.Count(v => !double.IsNaN(v))));
        var segment = Enumerable.Range(0, data.Rows.Count).Where(r => values[r] >= cut).ToArray();
        var targetIndex = data.ColumnIndex(target);
        var classes = data.Rows.Select(r => r[targetIndex]).OfType<string>().Distinct().Order().ToArray();
        say($"concept shift: for the {segment.Length} rows with {column} ≥ {cut:G4} (its top decile) the outcome is now the opposite class");

        using var traffic = new HotSwapTraffic(client, deployment, apiKey, data, target, ct);
        var clock = Stopwatch.StartNew();
        var concept = Enumerable.Range(0, rows).Select(_ => segment[random.Next(segment.Length)]).ToArray();
        var served = await PredictAsync(deployment, apiKey, data, concept, target, shift: null, ct);
        var items = new JsonArray(served.Select(s => (JsonNode)new JsonObject
        {
            ["predictionId"] = s.PredictionId,
            ["label"] = classes.Single(c => c != data.Rows[s.Row][targetIndex]),
        }).ToArray());
        await client.FeedbackAsync(deployment, apiKey, items, ct);
        say($"{served.Count} labels of the segment sent as feedback, each the opposite of what it used to be");

        JsonNode? episode = null;
        var lastState = "";
        await DeploymentJourney.WaitUntilAsync("the concept-shift retraining decides", async () =>
        {
            episode = (await client.RetrainingAsync(tenant, deployment, ct)).AsArray().FirstOrDefault(e => !earlier.Contains(e!["id"]!.GetValue<Guid>()));
            var state = episode?["state"]?.GetValue<string>() ?? "no retraining yet";
            if (state != lastState) say($"retraining: {lastState = state}{(episode?["triggerDetail"] is { } why && lastState == "AwaitingFeedback" ? $" ({why})" : "")}");
            if (state == "Failed") throw new InvalidOperationException($"The retraining failed: {episode!["reason"]}");
            return episode?["decision"]?.GetValue<string>() is not null;
        }, TimeSpan.FromMinutes(5), ct);
        var decision = episode!["decision"]!.GetValue<string>();
        double? secondsToPromotion = null;
        if (decision == "Promoted" && episode["challengerVersionId"]?.GetValue<Guid>() is { } challenger)
        {
            await traffic.WaitUntilServedByAsync(challenger, TimeSpan.FromSeconds(60));
            secondsToPromotion = Math.Round(clock.Elapsed.TotalSeconds, 1);
        }
        var (requests, failed) = await traffic.StopAsync();
        say($"concept shift: {decision}, champion ROC-AUC {episode["championAuc"]} against the challenger's {episode["challengerAuc"]} on the same rows; " +
            $"{requests} requests during the swap, {failed} failed");
        return new ConceptShiftResult(
            decision, Round(episode["championAuc"]), Round(episode["challengerAuc"]), secondsToPromotion, requests, failed)
        {
            Column = column,
            Trigger = episode["trigger"]?.GetValue<string>(),
            ChallengerVersionId = episode["challengerVersionId"]?.GetValue<Guid>(),
        };
    }

    private static double? Round(JsonNode? value) => value is null ? null : Math.Round(value.GetValue<double>(), 4);

    private static int[] Sample(TabularData data, Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => random.Next(data.Rows.Count)).ToArray();

    /// <summary>Columns whose every present value is a number, with their standard deviation.</summary>
    private static Dictionary<string, double> NumericColumns(TabularData data, string target)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < data.Columns.Count; c++)
        {
            if (data.Columns[c] == target) continue;
            var values = new List<double>();
            var numeric = true;
            foreach (var row in data.Rows)
            {
                if (row[c] is not { } text) continue;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) { numeric = false; break; }
                values.Add(v);
            }
            if (!numeric || values.Count < 2) continue;
            var mean = values.Average();
            result[data.Columns[c]] = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        }
        return result;
    }

    private async Task<List<(Guid PredictionId, int Row)>> PredictAsync(
        string deployment, string apiKey, TabularData data, int[] rows, string target, Dictionary<string, double>? shift, CancellationToken ct)
    {
        var served = new List<(Guid, int)>(rows.Length);
        foreach (var batch in rows.Chunk(BatchSize))
        {
            var instances = new JsonArray(batch.Select(r => (JsonNode)Instance(data, data.Rows[r], target, shift)).ToArray());
            var answer = await client.PredictAsync(deployment, apiKey, instances, ct);
            var predictions = answer["predictions"]!.AsArray();
            for (var i = 0; i < batch.Length; i++) served.Add((predictions[i]!["predictionId"]!.GetValue<Guid>(), batch[i]));
        }
        return served;
    }

    private static JsonObject Instance(TabularData data, string?[] row, string target, Dictionary<string, double>? shift)
    {
        var instance = new JsonObject();
        for (var c = 0; c < data.Columns.Count; c++)
        {
            var column = data.Columns[c];
            if (column == target) continue;
            if (row[c] is not { } text) { instance[column] = null; continue; }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                instance[column] = number + (shift?.GetValueOrDefault(column) ?? 0);
            else
                instance[column] = text;
        }
        return instance;
    }

    private async Task<List<JsonNode?>> WaitForWindowsAsync(Guid tenant, string deployment, int count, CancellationToken ct)
    {
        List<JsonNode?> windows = [];
        await DeploymentJourney.WaitUntilAsync($"{count} drift windows are recorded", async () =>
        {
            windows = (await client.DriftAsync(tenant, deployment, ct)).AsArray().ToList();
            return windows.Count >= count;
        }, TimeSpan.FromSeconds(60), ct);
        return windows;
    }
}
