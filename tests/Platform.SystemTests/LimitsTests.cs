using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.SystemTests;

/// <summary>
/// Every limit that protects a service, through the real services at their default settings: the
/// caller gets problem details naming the field, the row where there is one, the reason and the
/// limit, and nothing is written (no dataset, no staged file; no served row, no usage; no label).
/// The bodies are generated just over each default; the two byte limits are declared with
/// <c>Expect: 100-continue</c>, so they are refused before a byte is sent. One small model
/// (healthcare-diabetes, 768 rows) serves every predict and feedback test.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LimitsTests(PlatformFixture platform, ServedDiabetes served)
{
    [Fact]
    public async Task A_header_of_more_than_1000_columns_is_refused_naming_max_columns_and_nothing_is_kept()
    {
        var tenant = await platform.RegisterTenantAsync();
        var csv = Line(1_001, i => $"c{i}") + Line(1_001, _ => "1");

        var response = await UploadAsync(tenant, "wide", Encoding.UTF8.GetBytes(csv));

        var problem = await AssertLimitAsync(response, HttpStatusCode.BadRequest, "file", "columns", "maxColumns", 1_000);
        Assert.Equal(1, problem["row"]!.GetValue<long>());
        await AssertNothingKeptAsync(tenant, "wide");
    }

    [Fact]
    public async Task A_value_of_more_than_10000_characters_is_refused_naming_its_column_row_and_max_field_characters_and_nothing_is_kept()
    {
        var tenant = await platform.RegisterTenantAsync();
        var csv = $"id,notes\n1,short\n2,\"{new string('x', 10_001)}\"\n";

        var response = await UploadAsync(tenant, "notes", Encoding.UTF8.GetBytes(csv));

        var problem = await AssertLimitAsync(response, HttpStatusCode.BadRequest, "notes", "characters", "maxFieldCharacters", 10_000);
        Assert.Equal(3, problem["row"]!.GetValue<long>());
        await AssertNothingKeptAsync(tenant, "notes");
    }

    [Fact]
    public async Task More_than_a_million_data_rows_are_refused_at_the_first_row_too_many_naming_max_rows_and_nothing_is_kept()
    {
        var tenant = await platform.RegisterTenantAsync();
        var csv = "n\n" + string.Concat(Enumerable.Repeat("1\n", 1_000_001)); // 2 MB

        var response = await UploadAsync(tenant, "long", Encoding.ASCII.GetBytes(csv));

        var problem = await AssertLimitAsync(response, HttpStatusCode.BadRequest, "file", "rows", "maxRows", 1_000_000);
        Assert.Equal(1_000_002, problem["row"]!.GetValue<long>());
        await AssertNothingKeptAsync(tenant, "long");
    }

    [Fact]
    public async Task An_upload_declaring_more_than_2_GiB_is_refused_413_naming_max_upload_bytes_before_it_is_sent()
    {
        var tenant = await platform.RegisterTenantAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/datasets/huge/versions") { Content = new UnsendableContent((2L << 30) + 1, "text/csv") };
        request.Headers.ExpectContinue = true;
        await platform.AuthorizeAsync(request, tenant);

        using var client = PatientClient(ResourceNames.Ingestion);
        var response = await client.SendAsync(request);

        await AssertLimitAsync(response, HttpStatusCode.RequestEntityTooLarge, "file", "bytes", "maxUploadBytes", 2L << 30);
        await AssertNothingKeptAsync(tenant, "huge");
    }

    [Fact]
    public async Task A_predict_body_of_more_than_4_MiB_is_refused_413_naming_max_predict_body_bytes_and_nothing_is_served_or_billed()
    {
        var model = await served.GetAsync(platform);
        var before = await model.WrittenAsync(platform);
        var instance = JsonSerializer.Serialize(Patient());
        var count = (4 << 20) / (instance.Length + 1) + 1; // just over 4 MiB of valid instances
        var body = Encoding.UTF8.GetBytes($"{{\"instances\":[{string.Join(',', Enumerable.Repeat(instance, count))}]}}");
        Assert.InRange(body.Length, (4 << 20) + 1, (4 << 20) + 1_000);
        var request = PredictRequest(model, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        request.Headers.ExpectContinue = true;

        using var client = PatientClient(ResourceNames.Inference);
        var response = await client.SendAsync(request);

        await AssertLimitAsync(response, HttpStatusCode.RequestEntityTooLarge, "body", "bytes", "maxPredictBodyBytes", 4L << 20);
        Assert.Equal(before, await model.WrittenAsync(platform));
        await model.AssertBilledAsync(platform);
    }

    [Fact]
    public async Task More_than_1000_instances_are_refused_naming_instances_and_max_instances_per_request_and_nothing_is_served_or_billed()
    {
        var model = await served.GetAsync(platform);
        var before = await model.WrittenAsync(platform);

        var response = await PredictAsync(model, Enumerable.Range(0, 1_001).Select(_ => Patient()).ToArray());

        await AssertLimitAsync(response, HttpStatusCode.BadRequest, "instances", "instances", "maxInstancesPerRequest", 1_000);
        Assert.Equal(before, await model.WrittenAsync(platform));
        await model.AssertBilledAsync(platform);
    }

    [Fact]
    public async Task An_instance_of_more_than_1000_properties_is_refused_naming_it_and_max_instance_properties_and_nothing_is_served_or_billed()
    {
        var model = await served.GetAsync(platform);
        var before = await model.WrittenAsync(platform);
        var wide = Patient();
        for (var i = 0; wide.Count <= 1_000; i++) wide[$"extra{i}"] = i;

        var response = await PredictAsync(model, Patient(), wide);

        var problem = await AssertLimitAsync(response, HttpStatusCode.BadRequest, "instances[1]", "properties", "maxInstanceProperties", 1_000);
        Assert.Equal(1, problem["row"]!.GetValue<long>());
        Assert.Equal(before, await model.WrittenAsync(platform));
        await model.AssertBilledAsync(platform);
    }

    [Fact]
    public async Task An_instance_of_more_than_32_KiB_is_refused_naming_it_and_max_instance_bytes_and_nothing_is_served_or_billed()
    {
        var model = await served.GetAsync(platform);
        var before = await model.WrittenAsync(platform);
        var big = Patient();
        big["notes"] = new string('x', 32 << 10);

        var response = await PredictAsync(model, big);

        var problem = await AssertLimitAsync(response, HttpStatusCode.BadRequest, "instances[0]", "bytes", "maxInstanceBytes", 32 << 10);
        Assert.Equal(0, problem["row"]!.GetValue<long>());
        Assert.Equal(before, await model.WrittenAsync(platform));
        await model.AssertBilledAsync(platform);
    }

    [Fact]
    public async Task Only_the_models_inputs_are_kept_for_feedback_not_the_fields_a_caller_adds()
    {
        var model = await served.GetAsync(platform);
        var patient = Patient();
        patient["patientName"] = "Jane Doe";

        var id = await PredictOneAsync(model, patient);

        var kept = JsonNode.Parse(await model.KeptInstanceAsync(platform, id))!.AsObject();
        Assert.Equal(["age", "glucose", "insulin", "mass", "pedigree", "pregnant", "pressure", "triceps"], kept.Select(p => p.Key).Order());
        Assert.Equal(148, kept["glucose"]!.GetValue<int>());
        await model.AssertBilledAsync(platform);
    }

    [Fact]
    public async Task More_than_10000_feedback_items_are_refused_naming_the_body_and_max_feedback_items_and_no_label_is_applied()
    {
        var model = await served.GetAsync(platform);
        var id = await PredictOneAsync(model, Patient());
        var items = new[] { new { predictionId = id, label = "pos" } }
            .Concat(Enumerable.Range(0, 10_000).Select(_ => new { predictionId = Guid.NewGuid(), label = "neg" }));

        var response = await FeedbackAsync(model, items);

        await AssertLimitAsync(response, HttpStatusCode.BadRequest, "body", "items", "maxFeedbackItems", 10_000);
        Assert.Null(await model.LabelAsync(platform, id));
        // The same label alone is applied: the refusal, not the prediction, kept it out.
        var accepted = await FeedbackAsync(model, [new { predictionId = id, label = "pos" }]);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("pos", await model.LabelAsync(platform, id));
    }

    private static string Line(int columns, Func<int, string> cell) => string.Join(',', Enumerable.Range(0, columns).Select(cell)) + "\n";

    private static JsonObject Patient() => new()
    {
        ["pregnant"] = 6, ["glucose"] = 148, ["pressure"] = 72, ["triceps"] = 35, ["insulin"] = null,
        ["mass"] = 33.6, ["pedigree"] = 0.627, ["age"] = 50,
    };

    private static async Task<JsonNode> AssertLimitAsync(
        HttpResponseMessage response, HttpStatusCode status, string field, string reasonWord, string limit, long value)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.Contains(reasonWord, problem["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(limit, problem["limit"]!["name"]!.GetValue<string>());
        Assert.Equal(value, problem["limit"]!["value"]!.GetValue<long>());
        return problem;
    }

    private async Task AssertNothingKeptAsync(Guid tenant, string dataset)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/datasets");
        await platform.AuthorizeAsync(request, tenant);
        var response = await platform.Client(ResourceNames.Ingestion).SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()); // the tenant's first upload was refused
        var staging = Path.Combine(platform.ArtifactsFolder, "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFiles(staging).Length == 0, $"a staged upload of '{dataset}' was left behind");
    }

    private async Task<HttpResponseMessage> UploadAsync(Guid tenant, string dataset, byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/datasets/{dataset}/versions") { Content = content };
        await platform.AuthorizeAsync(request, tenant);
        return await platform.Client(ResourceNames.Ingestion).SendAsync(request);
    }

    /// <summary>Waits for a final answer to <c>Expect: 100-continue</c> instead of sending the body after a second.</summary>
    private HttpClient PatientClient(string service) =>
        new(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = platform.App.GetEndpoint(service, "http") };

    private static HttpRequestMessage PredictRequest(ServedDiabetes.Model model, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{model.Deployment}/predict") { Content = content };
        request.Headers.Add(ApiKeys.Header, model.ApiKey);
        return request;
    }

    private Task<HttpResponseMessage> PredictAsync(ServedDiabetes.Model model, params JsonObject[] instances) =>
        platform.Client(ResourceNames.Inference).SendAsync(PredictRequest(model, JsonContent.Create(new JsonObject { ["instances"] = new JsonArray(instances) })));

    private async Task<Guid> PredictOneAsync(ServedDiabetes.Model model, JsonObject instance)
    {
        var response = await PredictAsync(model, instance);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"predict: {(int)response.StatusCode} {text}");
        model.Served++;
        return JsonNode.Parse(text)!["predictions"]![0]!["predictionId"]!.GetValue<Guid>();
    }

    private Task<HttpResponseMessage> FeedbackAsync<T>(ServedDiabetes.Model model, IEnumerable<T> items)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{model.Deployment}/feedback") { Content = JsonContent.Create(items) };
        request.Headers.Add(ApiKeys.Header, model.ApiKey);
        return platform.Client(ResourceNames.Inference).SendAsync(request);
    }

    /// <summary>Declares a length and fails if the body is ever asked for: the refusal must come first.</summary>
    private sealed class UnsendableContent : HttpContent
    {
        private readonly long _length;

        public UnsendableContent(long length, string mediaType)
        {
            _length = length;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            throw new InvalidOperationException("The service asked for a body it should have refused by its declared length.");

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
