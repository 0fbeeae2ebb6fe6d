using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Contracts;
using Platform.Tabular;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// Issue 21, item 2 (ADR 30) through the public API: patients' names and e-mail addresses planted
/// in the diabetes data are found at upload; the deployment drops the names and pseudonymises the
/// e-mails (healthcare's default); the model trains on the treated version, whose lineage says what
/// was done to which column; predict treats incoming rows the same way (the kept pseudonyms are the
/// training data's); pseudonyms are stable within a tenant and differ across tenants; and after
/// deploy, predict and feedback no raw name or address is in any service's tables or log lines.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PersonalDataTreatmentTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Dataset = "patients", Deployment = "patients-risk";
    // A domain no other data or test uses: any raw address anywhere contains it.
    private const string Domain = "clinic-holloway.example";
    private static readonly string[] First = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Niklaus", "Margaret", "Tony"];
    private static readonly string[] Last = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Wirth", "Hamilton", "Hoare"];

    [Fact]
    public async Task Personal_data_is_treated_before_training_and_predict_and_no_raw_value_is_stored_or_logged()
    {
        await using var logs = new ResourceLogs(platform);
        try
        {
            await TreatedAsync(logs);
        }
        catch (Exception) when (Dump(logs))
        {
            throw;
        }
    }

    /// <summary>What the services said of the runs, for a failure's report.</summary>
    private bool Dump(ResourceLogs logs)
    {
        // Every Registry line (it drives the runs); of the others, what names a run, a treatment or a failure.
        string[] words = ["treat", "fail", "exception", "error", "run ", "stalled", "refused", "promot", "compress"];
        foreach (var (resource, line) in logs.Lines.Where(l => l.Resource == ResourceNames.Registry || words.Any(w => l.Line.Contains(w, StringComparison.OrdinalIgnoreCase))).TakeLast(400))
            output.WriteLine($"{resource}: {line}");
        return false;
    }

    private async Task TreatedAsync(ResourceLogs logs)
    {
        var (csv, people) = await PatientsAsync();
        var a = await platform.RegisterTenantAsync();
        var b = await platform.RegisterTenantAsync();

        // Keeping raw values is an admin's acknowledged decision; an API client is not one.
        var keep = await SendAsync(a, ResourceNames.Registry, HttpMethod.Post, "/api/deployments",
            JsonContent.Create(new { name = Deployment, solution = "healthcare-diabetes-risk", dataset = Dataset, treatments = new { email = "keep" } }));
        Assert.Equal(HttpStatusCode.Forbidden, keep.StatusCode);
        var refusal = JsonNode.Parse(await keep.Content.ReadAsStringAsync())!;
        Assert.Equal("treatments.email", refusal["field"]!.GetValue<string>());
        Assert.StartsWith("keeping raw personal data needs an organization admin", refusal["reason"]!.GetValue<string>());

        var apiKeys = new Dictionary<Guid, string>();
        foreach (var tenant in new[] { a, b })
        {
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(tenant, csv)).StatusCode);
            apiKeys[tenant] = (await PlatformApi.ReadJsonAsync(await SendAsync(tenant, ResourceNames.Registry, HttpMethod.Post, "/api/deployments",
                JsonContent.Create(new { name = Deployment, solution = "healthcare-diabetes-risk", dataset = Dataset, treatments = new { patient_name = "drop" } }))))
                ["apiKey"]!.GetValue<string>();
        }

        // Found at upload: the profile names both columns, with masked examples only.
        var raw = await PlatformApi.ReadJsonAsync(await SendAsync(a, ResourceNames.Ingestion, HttpMethod.Get, $"/api/datasets/{Dataset}/versions/1/profile"));
        Assert.Equal("person-name", Finding(raw, "patient_name"));
        Assert.Equal("email", Finding(raw, "email"));

        await ServedAsync(a);
        var apiKey = apiKeys[a];
        var detail = await PlatformApi.ReadJsonAsync(await SendAsync(a, ResourceNames.Registry, HttpMethod.Get, $"/api/deployments/{Deployment}"));
        Assert.Equal("pseudonymise", detail["defaultTreatment"]!.GetValue<string>());
        var lineage = await PlatformApi.ReadJsonAsync(await SendAsync(a, ResourceNames.Registry, HttpMethod.Get,
            $"/api/model-versions/{detail["champion"]!["id"]!.GetValue<Guid>()}/lineage"));
        output.WriteLine(lineage["dataset"]!.ToJsonString());
        var treatment = lineage["dataset"]!["treatment"]!.AsArray().ToDictionary(t => t!["column"]!.GetValue<string>());
        Assert.Equal(("drop", "person-name"), (treatment["patient_name"]!["action"]!.GetValue<string>(), treatment["patient_name"]!["kinds"]![0]!.GetValue<string>()));
        Assert.Equal(("pseudonymise", "email"), (treatment["email"]!["action"]!.GetValue<string>(), treatment["email"]!["kinds"]![0]!.GetValue<string>()));

        // Same upload, same raw content in both tenants; the treated versions differ: each tenant's pseudonyms are its own.
        var versionsA = await platform.RegisteredVersionsAsync(a, Dataset);
        var versionsB = await platform.RegisteredVersionsAsync(b, Dataset);
        var rawA = versionsA.Single(v => v.VersionNumber == 1);
        var treatedA = versionsA.Single(v => v.VersionNumber == 2);
        Assert.Equal(lineage["dataset"]!["datasetVersionId"]!.GetValue<Guid>(), treatedA.DatasetVersionId);
        Assert.Equal(rawA.DatasetVersionId, lineage["dataset"]!["derivedFromVersionId"]!.GetValue<Guid>());
        await Eventually.TrueAsync(async () => (await platform.RegisteredVersionsAsync(b, Dataset)).Length == 2, "tenant B's treated version", TimeSpan.FromMinutes(2));
        versionsB = await platform.RegisteredVersionsAsync(b, Dataset);
        Assert.Equal(rawA.Sha256, versionsB.Single(v => v.VersionNumber == 1).Sha256);
        Assert.NotEqual(treatedA.Sha256, versionsB.Single(v => v.VersionNumber == 2).Sha256);

        // The treated version: no name column, e-mails as pseudonyms, no personal data left to find.
        var treated = await PlatformApi.ReadJsonAsync(await SendAsync(a, ResourceNames.Ingestion, HttpMethod.Get, $"/api/datasets/{Dataset}/versions/2/profile"));
        var columns = treated["columns"]!.AsArray();
        Assert.DoesNotContain(columns, c => c!["name"]!.GetValue<string>() == "patient_name");
        Assert.All(columns, c => Assert.True(c!["personalData"] is null || c["personalData"]!.AsArray().Count == 0, c.ToJsonString()));
        var trainedPseudonyms = columns.Single(c => c!["name"]!.GetValue<string>() == "email")!["topCategories"]!.AsArray()
            .Select(t => t!["value"]!.GetValue<string>()).ToArray();
        Assert.NotEmpty(trainedPseudonyms);
        Assert.All(trainedPseudonyms, p => Assert.Matches("^pn_[0-9a-f]{24}$", p));

        // Predict with every patient's raw name and address (one instance each), then label them all.
        var instances = new JsonArray(people.Select(p => (JsonNode)new JsonObject
        {
            ["patient_name"] = p.Name, ["email"] = p.Email, ["pregnant"] = 2, ["glucose"] = 120, ["pressure"] = 70, ["triceps"] = 25,
            ["insulin"] = 80, ["mass"] = 31.5, ["pedigree"] = 0.4, ["age"] = 35,
        }).ToArray());
        var predicted = await PredictAsync(apiKey, instances);
        var ids = predicted.Select(p => p!["predictionId"]!.GetValue<Guid>()).ToArray();
        var feedback = new JsonArray(ids.Select((id, i) => (JsonNode)new JsonObject { ["predictionId"] = id, ["label"] = i % 2 == 0 ? "pos" : "neg" }).ToArray());
        (await FeedbackAsync(apiKey, feedback)).EnsureSuccessStatusCode();

        // The kept rows hold the training data's pseudonyms, one per patient, and never a name.
        var kept = await Eventually.ValueAsync(() => KeptAsync(a, ids), k => k.Count == ids.Length, "every prediction to be kept");
        var keptPseudonyms = kept.Select(k => JsonNode.Parse(k)!["email"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(people.Count, keptPseudonyms.Count);
        Assert.Subset(keptPseudonyms, trainedPseudonyms.ToHashSet());
        Assert.All(kept, k => Assert.Null(JsonNode.Parse(k)!["patient_name"]));

        // No raw value in any table of any service, nor in any line a service logged during all this.
        var rawValues = people.SelectMany(p => new[] { p.Name, p.Email }).Append(Domain).ToArray();
        var inTables = await ScanTablesAsync(rawValues);
        Assert.True(inTables.Count == 0, $"raw personal data in tables:\n{string.Join("\n", inTables.Take(20))}");
        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Line.Contains("treated (email: pseudonymise, patient_name: drop)"));
        var inLogs = lines.Where(l => rawValues.Any(v => l.Line.Contains(v, StringComparison.OrdinalIgnoreCase))).Select(l => $"{l.Resource}: {l.Line}").ToArray();
        Assert.True(inLogs.Length == 0, $"raw personal data in {inLogs.Length} of {lines.Count} log lines:\n{string.Join("\n", inLogs.Take(20))}");
        output.WriteLine($"scanned {lines.Count} log lines and every table of {ResourceNames.Services.Count} services for {rawValues.Length} raw values");
    }

    private static string Finding(JsonNode profile, string column) =>
        profile["columns"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == column)!["personalData"]!.AsArray().Single()!["kind"]!.GetValue<string>();

    /// <summary>The diabetes sample with a patient's name and e-mail address per row: 100 patients, each on several rows.</summary>
    private static async Task<(string Csv, List<(string Name, string Email)> People)> PatientsAsync()
    {
        TabularData data;
        await using (var stream = File.OpenRead(PlatformApi.SamplePath("healthcare-diabetes.csv"))) data = CsvTableReader.ReadAll(stream);
        var people = First.SelectMany(f => Last.Select(l => ($"{f} {l}", $"{f.ToLowerInvariant()}.{l.ToLowerInvariant()}@{Domain}"))).ToList();
        var csv = new StringBuilder().AppendLine(string.Join(',', ["patient_name", "email", .. data.Columns]));
        var random = new Random(30);
        foreach (var row in data.Rows)
        {
            var (name, email) = people[random.Next(people.Count)];
            csv.AppendLine(string.Join(',', [name, email, .. row.Select(v => v ?? "")]));
        }
        return (csv.ToString(), people);
    }

    private async Task ServedAsync(Guid tenant) =>
        await Eventually.TrueAsync(async () =>
        {
            var serving = await PlatformApi.ReadJsonAsync(await SendAsync(tenant, ResourceNames.Inference, HttpMethod.Get, "/api/serving"));
            return serving.AsArray().Any(d => d!["name"]!.GetValue<string>() == Deployment && d["loaded"]!.GetValue<bool>());
        }, "the treated model to be promoted and loaded", TimeSpan.FromMinutes(5));

    private async Task<JsonArray> PredictAsync(string apiKey, JsonArray instances)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{Deployment}/predict") { Content = JsonContent.Create(new { instances }) };
        request.Headers.Add("X-Api-Key", apiKey);
        var response = await platform.Client(ResourceNames.Inference).SendAsync(request);
        return (await PlatformApi.ReadJsonAsync(response))["predictions"]!.AsArray();
    }

    private async Task<HttpResponseMessage> FeedbackAsync(string apiKey, JsonArray items)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{Deployment}/feedback") { Content = JsonContent.Create(items) };
        request.Headers.Add("X-Api-Key", apiKey);
        return await platform.Client(ResourceNames.Inference).SendAsync(request);
    }

    private async Task<List<string>> KeptAsync(Guid tenant, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync(ResourceNames.Database(ResourceNames.Inference)));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT "Instance"::text FROM served_predictions WHERE "TenantId" = @tenant AND "Id" = ANY(@ids)""", connection);
        query.Parameters.AddWithValue("tenant", tenant);
        query.Parameters.AddWithValue("ids", ids);
        var kept = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) kept.Add(reader.GetString(0));
        return kept;
    }

    /// <summary>Every row of every table of every service's database, as text, searched for each raw value.</summary>
    private async Task<List<string>> ScanTablesAsync(string[] values)
    {
        var found = new List<string>();
        foreach (var service in ResourceNames.Services)
        {
            await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync(ResourceNames.Database(service)));
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            foreach (var table in tables)
            {
                await using var rows = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
                await using var reader = await rows.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var text = reader.GetString(0);
                    if (values.FirstOrDefault(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)) is { } value) found.Add($"{service} {table}: '{value}'");
                }
            }
        }
        return found;
    }

    private async Task<HttpResponseMessage> UploadAsync(Guid tenant, string csv)
    {
        var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await SendAsync(tenant, ResourceNames.Ingestion, HttpMethod.Post, $"/api/datasets/{Dataset}/versions?target=diabetes", content);
    }

    private async Task<HttpResponseMessage> SendAsync(Guid tenant, string service, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        await platform.AuthorizeAsync(request, tenant);
        return await platform.Client(service).SendAsync(request);
    }
}
