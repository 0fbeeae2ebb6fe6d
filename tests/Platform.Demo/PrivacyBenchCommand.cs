using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Solutions;

namespace Platform.Demo;

/// <summary>
/// The .NET half of <c>./platform bench privacy</c> (issue 21, item 5): the privacy/utility curve
/// measured through the public API. For finance and diabetes it deploys the sample once without
/// differential privacy and once at each ε of 1, 2, 4 and 8, waits for every trained model, and
/// prints each one's test ROC-AUC (the trained fp32 version's, on the rows it never saw) and the ε
/// it spent, as a table, then the figures as one JSON line.
/// </summary>
public static class PrivacyBenchCommand
{
    public const string Name = "bench-privacy";
    public const string Usage = "usage: Platform.Demo bench-privacy --endpoints <endpoints.json> [--timeout-seconds N]";
    private static readonly double[] Epsilons = [1, 2, 4, 8];
    private static readonly string[] Solutions = ["finance-credit-risk", "healthcare-diabetes-risk"];

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = CommandOptions.Parse(args, Usage);
        var endpoints = options.TryGetValue("endpoints", out var e) ? e : throw new ArgumentException($"--endpoints is needed. {Usage}");
        var timeout = TimeSpan.FromSeconds(options.TryGetValue("timeout-seconds", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 900);
        var ct = CancellationToken.None;
        void Say(string line) => output.WriteLine($"  [{DateTime.UtcNow:HH:mm:ss}] {line}");

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var client = new PlatformClient(PlatformEndpoints.Load(endpoints), http, DemoOptions.OperatorSecretBeside(endpoints));
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var organization = await client.CreateOrganizationAsync($"privacy-bench-{suffix}", "growth", ct);
        await client.WaitUntilEveryServiceKnowsAsync(organization.TenantId, ct);
        var tenant = organization.TenantId;

        // Every deployment first, then one upload per sample that starts them all: one dataset version,
        // so every model is scored on the same test rows and each model page charts the whole curve.
        var runs = new List<(string Solution, double? Epsilon, string Deployment)>();
        foreach (var solution in Solutions)
        foreach (var epsilon in Epsilons.Select(x => (double?)x).Prepend(null))
        {
            var name = $"{DatasetOf(solution)}-{(epsilon is { } x ? $"eps{x:0}" : "nodp")}";
            if (epsilon is { } budget) await client.CreatePrivateDeploymentAsync(tenant, name, solution, DatasetOf(solution), budget, ct);
            else await client.CreateDeploymentAsync(tenant, name, solution, DatasetOf(solution), ct);
            runs.Add((solution, epsilon, name));
        }
        foreach (var solution in Solutions)
        {
            var file = SampleDatasetFiles.PathOf(SolutionTemplates.Find(solution)!.SampleDataset);
            await client.UploadDatasetAsync(tenant, DatasetOf(solution), file, null, $"00-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01", ct);
        }
        Say($"{runs.Count} deployments created and their samples uploaded");

        var results = new Dictionary<string, (double Auc, double? Epsilon, string Family)>();
        await DeploymentJourney.WaitUntilAsync("every deployment's model to be trained", async () =>
        {
            foreach (var (_, _, deployment) in runs.Where(r => !results.ContainsKey(r.Deployment)))
            {
                var detail = await client.DeploymentAsync(tenant, deployment, ct);
                if (detail["deployment"]!["state"]!.GetValue<string>() == "Failed")
                    throw new InvalidOperationException($"{deployment} failed: {detail["runs"]?.AsArray().FirstOrDefault()?["reason"]}");
                var trained = (await client.ModelVersionsAsync(tenant, deployment, ct)).AsArray().FirstOrDefault(v => v!["technique"]!.GetValue<string>() == "fp32");
                if (trained is null) continue;
                var spent = trained["metrics"]!["epsilon"]?.GetValue<double>();
                results[deployment] = (trained["testAuc"]!.GetValue<double>(), spent, trained["family"]!.GetValue<string>());
                Say($"{deployment}: {trained["family"]} test ROC-AUC {results[deployment].Auc:F4}{(spent is { } s ? $", ε spent {s:F3}" : "")}");
            }
            return results.Count == runs.Count;
        }, timeout, ct);

        output.WriteLine();
        output.WriteLine("| sample | no DP (family chosen) | " + string.Join(" | ", Epsilons.Select(x => $"ε = {x:0}")) + " |");
        output.WriteLine("| --- | --- |" + string.Concat(Epsilons.Select(_ => " --- |")));
        var json = new JsonObject();
        foreach (var solution in Solutions)
        {
            var row = runs.Where(r => r.Solution == solution).Select(r => results[r.Deployment]).ToArray();
            output.WriteLine($"| {solution} | {row[0].Auc:F4} ({row[0].Family}) | " + string.Join(" | ", row.Skip(1).Select(r => $"{r.Auc:F4}")) + " |");
            json[solution] = new JsonObject
            {
                ["noDp"] = Math.Round(row[0].Auc, 4),
                ["noDpFamily"] = row[0].Family,
                ["epsilon"] = new JsonArray([.. Epsilons.Select(x => JsonValue.Create(x))]),
                ["epsilonSpent"] = new JsonArray([.. row.Skip(1).Select(r => JsonValue.Create(Math.Round(r.Epsilon ?? double.NaN, 4)))]),
                ["testAuc"] = new JsonArray([.. row.Skip(1).Select(r => JsonValue.Create(Math.Round(r.Auc, 4)))]),
            };
        }
        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        Say($"the portal charts each curve on its deployments' pages (organization privacy-bench-{suffix}, e.g. /deployments/{runs[0].Deployment})");
        return 0;
    }

    private static string DatasetOf(string solution) => solution.Split('-')[0];
}
