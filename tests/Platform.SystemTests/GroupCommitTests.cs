using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.SystemTests;

/// <summary>
/// Concurrent predict requests share ONNX runs (dynamic batching) and transactions (group commit),
/// and none of that shows to a caller: each gets the answer it gets alone, its own prediction ids and
/// kept instances, and billing applies exactly the instances served, in fewer usage records than
/// requests.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GroupCommitTests(PlatformFixture platform, ServedDiabetes served)
{
    private const int Patients = 16;
    private const int Rounds = 8;
    private const int Concurrency = 32;
    private const int LargeRequest = 40;

    [Fact]
    public async Task Concurrent_requests_get_their_own_answers_and_are_billed_exactly_in_fewer_usage_records_than_requests()
    {
        var model = await served.GetAsync(platform);
        var patients = Enumerable.Range(0, Patients).Select(Patient).ToArray();
        // Alone first: one request at a time shares nothing.
        var alone = new double[Patients];
        for (var p = 0; p < Patients; p++) alone[p] = (await PredictAsync(model, patients[p])).Probability;
        Assert.True(alone.Distinct().Count() > Patients / 2, $"the patients should score differently: {string.Join(", ", alone)}");
        var before = await model.WrittenAsync(platform);

        var answers = new ConcurrentBag<(int Patient, Answer Answer)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Patients * Rounds), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (request, _) => answers.Add((request % Patients, await PredictAsync(model, patients[request % Patients]))));

        Assert.Equal(Patients * Rounds, answers.Count);
        Assert.All(answers, a => Assert.Equal(alone[a.Patient], a.Answer.Probability, 6));
        Assert.Equal(answers.Count, answers.Select(a => a.Answer.PredictionId).Distinct().Count());
        var (patient, answer) = answers.First(a => a.Patient == Patients - 1);
        Assert.Equal(patients[patient]["glucose"]!.GetValue<int>(),
            JsonNode.Parse(await model.KeptInstanceAsync(platform, answer.PredictionId))!["glucose"]!.GetValue<double>());

        // A group of more kept rows than Inference:GroupCommit:MaxInsertedRows (4) writes them by binary COPY, not INSERTs.
        var large = await PredictAsync(model, [.. Enumerable.Range(0, LargeRequest).Select(i => patients[i % Patients])]);
        Assert.Equal(Enumerable.Range(0, LargeRequest).Select(i => Math.Round(alone[i % Patients], 6)), large.Select(a => Math.Round(a.Probability, 6)));
        Assert.Equal(patients[(LargeRequest - 1) % Patients]["glucose"]!.GetValue<int>(),
            JsonNode.Parse(await model.KeptInstanceAsync(platform, large[^1].PredictionId))!["glucose"]!.GetValue<double>());

        var after = await model.WrittenAsync(platform);
        Assert.Equal(Patients * Rounds + LargeRequest, after.ServedRows - before.ServedRows);
        Assert.InRange(after.UsageRecords - before.UsageRecords, 1, Patients * Rounds - 1);
        await model.AssertBilledAsync(platform);
    }

    [Fact]
    public async Task A_prediction_s_commit_and_the_usage_it_sends_to_billing_join_the_request_s_trace()
    {
        var model = await served.GetAsync(platform);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        await PredictAsync(model, [Patient(3)], $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        // The group commit runs on a writer of its own, outside the request; its span joins the caller's
        // trace, so the PredictionsServed it writes to the outbox is dispatched (and consumed by billing) in that trace.
        Assert.Equal(1, await model.UsageMessagesInTraceAsync(platform, traceId));
        await model.AssertBilledAsync(platform);
    }

    private static JsonObject Patient(int p) => new()
    {
        ["pregnant"] = p % 5, ["glucose"] = 80 + 7 * p, ["pressure"] = 70, ["triceps"] = 30, ["insulin"] = 0,
        ["mass"] = 24 + p, ["pedigree"] = 0.4, ["age"] = 25 + 2 * p,
    };

    private async Task<Answer> PredictAsync(ServedDiabetes.Model model, JsonObject patient) => (await PredictAsync(model, [patient]))[0];

    private async Task<Answer[]> PredictAsync(ServedDiabetes.Model model, JsonObject[] instances, string? traceParent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{model.Deployment}/predict")
        {
            Content = JsonContent.Create(new JsonObject { ["instances"] = new JsonArray([.. instances.Select(i => i.DeepClone())]) }),
        };
        request.Headers.Add(ApiKeys.Header, model.ApiKey);
        if (traceParent is not null) request.Headers.Add("traceparent", traceParent);
        var response = await platform.Client(ResourceNames.Inference).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"predict: {(int)response.StatusCode} {text}");
        lock (model) model.Served += instances.Length;
        return [.. JsonNode.Parse(text)!["predictions"]!.AsArray().Select(prediction =>
        {
            // One class's probability (the last by name) says whether two answers are the same.
            var probability = prediction!["probabilities"]!.AsObject().OrderBy(c => c.Key, StringComparer.Ordinal).Last().Value!.GetValue<double>();
            return new Answer(probability, prediction["predictionId"]!.GetValue<Guid>());
        })];
    }

    private sealed record Answer(double Probability, Guid PredictionId);
}
