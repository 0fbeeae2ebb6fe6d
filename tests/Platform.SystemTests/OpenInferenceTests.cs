using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.SystemTests;

/// <summary>
/// The Open Inference Protocol v2 as a KServe client speaks it: bodies in the forms of the
/// specification's own examples (an id, parameters, typed tensors, flat or nested data, an outputs
/// filter), answered by the same model as predict, with the same key, billing and feedback; refusals
/// carry the protocol's <c>error</c> member. Through the gateway, as a customer calls it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenInferenceTests(PlatformFixture platform, ServedDiabetes served)
{
    // Two patients in the order of the model's columns, as the specification's example writes a batch.
    private static readonly string[] Columns = ["pregnant", "glucose", "pressure", "triceps", "insulin", "mass", "pedigree", "age"];
    private static readonly double?[][] Patients =
    [
        [6, 148, 72, 35, null, 33.6, 0.627, 50],
        [1, 85, 66, 29, 0, 26.6, 0.351, 31],
    ];

    private HttpClient Gateway => platform.Client(ResourceNames.Gateway);

    [Fact]
    public async Task Server_probes_and_metadata_answer_without_a_credential_and_model_routes_need_the_deployments_key()
    {
        var model = await served.GetAsync(platform);

        Assert.Equal(HttpStatusCode.OK, (await Gateway.GetAsync("/v2/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Gateway.GetAsync("/v2/health/ready")).StatusCode);
        var server = JsonNode.Parse(await Gateway.GetStringAsync("/v2"))!;
        Assert.Equal("platform-inference", server["name"]!.GetValue<string>());

        var anonymous = await Gateway.GetAsync($"/v2/models/{model.Deployment}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("X-Api-Key", await anonymous.Content.ReadAsStringAsync());

        var metadata = JsonNode.Parse(await SendAsync(model, HttpMethod.Get, $"/v2/models/{model.Deployment}", null, HttpStatusCode.OK))!;
        var version = metadata["versions"]![0]!.GetValue<string>();
        Assert.Equal(model.Deployment, metadata["name"]!.GetValue<string>());
        Assert.Equal("onnxruntime_onnx", metadata["platform"]!.GetValue<string>());
        Assert.Equal(Columns.Order(), metadata["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Order());
        Assert.All(metadata["inputs"]!.AsArray(), i =>
        {
            Assert.Equal("FP32", i!["datatype"]!.GetValue<string>());
            Assert.Equal("[-1,1]", i["shape"]!.ToJsonString());
        });
        Assert.Equal(["label", "probabilities", "prediction_id"], metadata["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        Assert.Equal("[-1,2]", metadata["outputs"]![1]!["shape"]!.ToJsonString());

        await SendAsync(model, HttpMethod.Get, $"/v2/models/{model.Deployment}/ready", null, HttpStatusCode.OK);
        await SendAsync(model, HttpMethod.Get, $"/v2/models/{model.Deployment}/versions/{version}/ready", null, HttpStatusCode.OK);
        var stale = JsonNode.Parse(await SendAsync(model, HttpMethod.Get, $"/v2/models/{model.Deployment}/versions/{Guid.Empty}/ready", null, HttpStatusCode.BadRequest))!;
        Assert.Contains($"Deployment '{model.Deployment}' has no version {Guid.Empty}; its versions are 1, ", stale["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_version_that_is_not_promoted_can_be_pinned_by_number_or_id_and_is_billed_and_kept_under_its_own_id()
    {
        var model = await served.GetAsync(platform);
        using var list = new HttpRequestMessage(HttpMethod.Get, $"/api/deployments/{model.Deployment}/versions");
        await platform.AuthorizeAsync(list, model.Tenant);
        var versions = JsonNode.Parse(await (await Gateway.SendAsync(list)).Content.ReadAsStringAsync())!.AsArray();
        var promoted = versions.Single(v => v!["stage"]!.GetValue<string>() == "Production")!;
        // Every family gets a distilled student (ADR 24); the run's other versions are not served unless pinned.
        var pinned = versions.First(v => v!["stage"]!.GetValue<string>() != "Production")!;
        var (number, id) = (pinned["number"]!.GetValue<int>(), pinned["id"]!.GetValue<string>());
        // The run's versions reach Inference beside its promotion; ready loads the pinned one (nothing billed).
        await Eventually.TrueAsync(async () =>
        {
            using var ready = new HttpRequestMessage(HttpMethod.Get, $"/v2/models/{model.Deployment}/versions/{number}/ready");
            ready.Headers.Add(ApiKeys.Header, model.ApiKey);
            return (await Gateway.SendAsync(ready)).StatusCode == HttpStatusCode.OK;
        }, $"version {number} of {model.Deployment} to be ready when pinned");

        var instances = new JsonArray(Patients.Select(p => (JsonNode)new JsonObject(Columns.Select((c, i) => KeyValuePair.Create(c, (JsonNode?)JsonValue.Create(p[i]))))).ToArray());
        var byNumber = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/api/deployments/{model.Deployment}/predict?version={number}",
            new JsonObject { ["instances"] = instances.DeepClone() }, HttpStatusCode.OK))!;
        model.Served += 2;
        Assert.Equal(id, byNumber["modelVersionId"]!.GetValue<string>());
        var unpinned = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/api/deployments/{model.Deployment}/predict",
            new JsonObject { ["instances"] = instances.DeepClone() }, HttpStatusCode.OK))!;
        model.Served += 2;
        Assert.Equal(promoted["id"]!.GetValue<string>(), unpinned["modelVersionId"]!.GetValue<string>());

        // The protocol's versioned routes, by id: the same version's metadata and scores.
        var metadata = JsonNode.Parse(await SendAsync(model, HttpMethod.Get, $"/v2/models/{model.Deployment}/versions/{id}", null, HttpStatusCode.OK))!;
        Assert.Equal(id, metadata["versions"]![0]!.GetValue<string>());
        var answer = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/v2/models/{model.Deployment}/versions/{id}/infer", Body(2), HttpStatusCode.OK))!;
        model.Served += 2;
        Assert.Equal(id, answer["model_version"]!.GetValue<string>());
        var outputs = answer["outputs"]!.AsArray().ToDictionary(o => o!["name"]!.GetValue<string>(), o => o!);
        var classes = outputs["probabilities"]["parameters"]!["classes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        var probabilities = outputs["probabilities"]["data"]!.AsArray().Select(p => p!.GetValue<double>()).ToArray();
        for (var i = 0; i < 2; i++)
            for (var c = 0; c < classes.Length; c++)
                Assert.Equal(byNumber["predictions"]![i]!["probabilities"]![classes[c]]!.GetValue<double>(), probabilities[i * classes.Length + c], 5);

        // Kept under the version that scored it, and billed like any prediction.
        var predictionId = Guid.Parse(byNumber["predictions"]![0]!["predictionId"]!.GetValue<string>());
        Assert.Equal(Guid.Parse(id), await model.KeptVersionAsync(platform, predictionId));
        await model.AssertBilledAsync(platform);

        // A version the deployment does not have: 404 naming the field and the versions it has, nothing billed.
        var before = await model.WrittenAsync(platform);
        var unknown = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/api/deployments/{model.Deployment}/predict?version=99",
            new JsonObject { ["instances"] = instances.DeepClone() }, HttpStatusCode.NotFound))!;
        Assert.Equal("version", unknown["field"]!.GetValue<string>());
        var numbers = string.Join(", ", versions.Select(v => v!["number"]!.GetValue<int>()).Order());
        Assert.Equal($"Deployment '{model.Deployment}' has no version 99; its versions are {numbers}.", unknown["detail"]!.GetValue<string>());
        var notAVersion = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/v2/models/{model.Deployment}/versions/latest/infer", Body(1), HttpStatusCode.NotFound))!;
        Assert.Contains("'latest' is neither a version number", notAVersion["error"]!.GetValue<string>());
        Assert.Equal(before, await model.WrittenAsync(platform));
    }

    [Fact]
    public async Task Infer_answers_as_predict_does_and_is_billed_kept_and_open_to_feedback()
    {
        var model = await served.GetAsync(platform);
        // Nested [2, 1] data for half the inputs, flat for the rest; an input order of the caller's choosing.
        var inputs = new JsonArray(Columns.Select((column, c) => (JsonNode)new JsonObject
        {
            ["name"] = column,
            ["shape"] = new JsonArray(2, 1),
            ["datatype"] = c % 2 == 0 ? "FP32" : "FP64",
            ["data"] = c % 2 == 0
                ? new JsonArray(Patients.Select(p => (JsonNode?)new JsonArray(JsonValue.Create(p[c]))).ToArray())
                : new JsonArray(Patients.Select(p => (JsonNode?)JsonValue.Create(p[c])).ToArray()),
        }).Reverse().ToArray());
        var body = new JsonObject { ["id"] = "42", ["parameters"] = new JsonObject { ["note"] = "spec form" }, ["inputs"] = inputs };

        var answer = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/v2/models/{model.Deployment}/infer", body, HttpStatusCode.OK))!;
        model.Served += 2;

        Assert.Equal("42", answer["id"]!.GetValue<string>());
        Assert.Equal(model.Deployment, answer["model_name"]!.GetValue<string>());
        var outputs = answer["outputs"]!.AsArray().ToDictionary(o => o!["name"]!.GetValue<string>(), o => o!);
        Assert.Equal("[2,2]", outputs["probabilities"]["shape"]!.ToJsonString());
        var classes = outputs["probabilities"]["parameters"]!["classes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        var probabilities = outputs["probabilities"]["data"]!.AsArray().Select(p => p!.GetValue<double>()).ToArray();
        var labels = outputs["label"]["data"]!.AsArray().Select(l => l!.GetValue<string>()).ToArray();
        var ids = outputs["prediction_id"]["data"]!.AsArray().Select(i => Guid.Parse(i!.GetValue<string>())).ToArray();

        // The same model through the platform's own predict: the same probabilities, to float precision.
        var instances = new JsonArray(Patients.Select(p => (JsonNode)new JsonObject(Columns.Select((c, i) => KeyValuePair.Create(c, (JsonNode?)JsonValue.Create(p[i]))))).ToArray());
        var predicted = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/api/deployments/{model.Deployment}/predict", new JsonObject { ["instances"] = instances }, HttpStatusCode.OK))!;
        model.Served += 2;
        Assert.Equal(predicted["modelVersionId"]!.GetValue<string>(), answer["model_version"]!.GetValue<string>());
        for (var i = 0; i < 2; i++)
        {
            var prediction = predicted["predictions"]![i]!;
            Assert.Equal(prediction["label"]!.GetValue<string>(), labels[i]);
            for (var c = 0; c < classes.Length; c++)
                Assert.Equal(prediction["probabilities"]![classes[c]]!.GetValue<double>(), probabilities[i * classes.Length + c], 5);
        }

        // Kept with the model's inputs (null where missing), billed, and its id takes feedback.
        var kept = JsonNode.Parse(await model.KeptInstanceAsync(platform, ids[0]))!.AsObject();
        Assert.Equal(148, kept["glucose"]!.GetValue<double>());
        Assert.Null(kept["insulin"]);
        await model.AssertBilledAsync(platform);
        await SendAsync(model, HttpMethod.Post, $"/api/deployments/{model.Deployment}/feedback",
            new JsonArray(new JsonObject { ["predictionId"] = ids[0], ["label"] = classes[1] }), HttpStatusCode.OK);
        Assert.Equal(classes[1], await model.LabelAsync(platform, ids[0]));
    }

    [Fact]
    public async Task Outputs_asked_for_are_the_only_ones_returned()
    {
        var model = await served.GetAsync(platform);
        var body = Body(1);
        body["outputs"] = new JsonArray(new JsonObject { ["name"] = "label" });

        var answer = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/v2/models/{model.Deployment}/infer", body, HttpStatusCode.OK))!;
        model.Served += 1;

        Assert.Equal(["label"], answer["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        await model.AssertBilledAsync(platform);
    }

    [Fact]
    public async Task A_tensor_that_does_not_fit_is_refused_with_the_protocols_error_naming_it_and_nothing_is_billed()
    {
        var model = await served.GetAsync(platform);
        var before = await model.WrittenAsync(platform);
        var body = Body(2);
        body["inputs"]![0]!["shape"] = new JsonArray(3, 1);

        var refusal = JsonNode.Parse(await SendAsync(model, HttpMethod.Post, $"/v2/models/{model.Deployment}/infer", body, HttpStatusCode.BadRequest))!;

        Assert.Equal("pregnant", refusal["field"]!.GetValue<string>());
        Assert.Contains("pregnant: has 2 elements in data, its shape says 3", refusal["error"]!.GetValue<string>());
        Assert.Equal(before, await model.WrittenAsync(platform));
        await model.AssertBilledAsync(platform);
    }

    private static JsonObject Body(int patients) => new()
    {
        ["inputs"] = new JsonArray(Columns.Select((column, c) => (JsonNode)new JsonObject
        {
            ["name"] = column,
            ["shape"] = new JsonArray(patients, 1),
            ["datatype"] = "FP32",
            ["data"] = new JsonArray(Patients.Take(patients).Select(p => (JsonNode?)JsonValue.Create(p[c])).ToArray()),
        }).ToArray()),
    };

    private async Task<string> SendAsync(ServedDiabetes.Model model, HttpMethod method, string path, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        request.Headers.Add(ApiKeys.Header, model.ApiKey);
        using var response = await Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
