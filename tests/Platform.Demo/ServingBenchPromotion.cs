using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Tabular;

namespace Platform.Demo;

/// <summary>
/// A promotion the registry makes on its own while load runs: there is no "promote this version"
/// call (promotion is the champion/challenger decision, ADR 7), so this uploads a new version of
/// the deployment's dataset with its two labels swapped. That is a new-data trigger; the challenger
/// trained on it beats the champion by far on the new rows (the champion ranks them backwards), so
/// it is promoted whatever the margin. Prints <c>PROMOTION compressing</c> when the challenger is
/// trained (the shell starts the load point then, so the cheap end of the flow, not training, runs
/// under load) and <c>PROMOTION served</c> once Inference answers with the new version.
/// </summary>
public sealed class ServingBenchPromotion(PlatformClient client, ServingBenchState state, TextWriter output)
{
    public async Task RunAsync(string folder, TimeSpan timeout, CancellationToken ct)
    {
        var tenant = state.TenantId;
        var before = await client.DeploymentAsync(tenant, state.Deployment, ct);
        var oldChampion = before["champion"]!["id"]!.GetValue<Guid>();
        var oldRuns = before["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).ToHashSet();

        var file = WriteSwappedLabels(folder);
        var clock = Stopwatch.StartNew();
        var upload = await client.UploadDatasetAsync(tenant, state.Dataset, file, state.TargetColumn,
            $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01", ct);
        Say($"uploaded {state.Dataset} v{upload["number"]} with its labels swapped: a new-data retraining starts");

        var compressing = false;
        JsonNode? champion = null;
        await DeploymentJourney.WaitUntilAsync("the registry promotes the challenger", async () =>
        {
            var detail = await client.DeploymentAsync(tenant, state.Deployment, ct);
            var run = detail["runs"]!.AsArray().FirstOrDefault(r => !oldRuns.Contains(r!["id"]!.GetValue<Guid>()));
            var runState = run?["state"]?.GetValue<string>();
            if (runState is "Failed" or "Rejected") throw new InvalidOperationException($"The retraining run ended {runState}: {run!["reason"]}");
            if (!compressing && runState is "Compressing" or "Promoted")
            {
                compressing = true;
                output.WriteLine($"PROMOTION compressing {clock.Elapsed.TotalSeconds:F1}");
            }
            champion = detail["champion"];
            return champion is not null && champion["id"]!.GetValue<Guid>() != oldChampion;
        }, timeout, ct);
        var promotedAt = clock.Elapsed.TotalSeconds;

        var newId = champion!["id"]!.GetValue<Guid>();
        await DeploymentJourney.WaitUntilAsync("inference serves the new version", async () =>
            (await client.ServingDeploymentsAsync(tenant, ct)).AsArray().Any(d => d!["name"]!.GetValue<string>() == state.Deployment
                && d["modelVersionId"]?.GetValue<Guid>() == newId && d["loaded"]?.GetValue<bool>() == true),
            timeout, ct);
        output.WriteLine($"PROMOTION served v{champion["number"]} ({champion["technique"]}) promoted {promotedAt:F1} s and serving {clock.Elapsed.TotalSeconds:F1} s after the upload");
    }

    private void Say(string line) => output.WriteLine($"  {line}");

    /// <summary>The deployment's dataset with the target's two values exchanged, as CSV (RFC 4180 quoting).</summary>
    private string WriteSwappedLabels(string folder)
    {
        TabularData data;
        using (var stream = File.OpenRead(state.DatasetFile)) data = CsvTableReader.ReadAll(stream);
        var target = data.ColumnIndex(state.TargetColumn);
        var labels = data.Rows.Select(r => r[target]).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (target < 0 || labels.Length != 2)
            throw new InvalidDataException($"Swapping labels needs a target with two values; {state.TargetColumn} has {labels.Length}.");

        var path = Path.Combine(folder, $"{state.Dataset}-labels-swapped.csv");
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write(string.Join(',', data.Columns.Select(Quote)) + "\r\n");
        foreach (var row in data.Rows)
        {
            var cells = row.Select((cell, c) => c != target || cell is null ? cell : cell == labels[0] ? labels[1] : labels[0]);
            writer.Write(string.Join(',', cells.Select(Quote)) + "\r\n");
        }
        return path;
    }

    private static string Quote(string? cell) =>
        cell is null ? "" : cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
