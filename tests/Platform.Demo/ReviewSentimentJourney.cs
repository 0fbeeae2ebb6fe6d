using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Platform.Tabular;
using Platform.Tabular.Evaluation;

namespace Platform.Demo;

/// <summary>
/// <c>./platform demo retail-reviews</c> (issue 15): the review sentiment solution deployed from the
/// 4,000 train reviews, then the promoted model asked about the 1,000 test reviews it never saw,
/// through predict, and every variant's figures read from the registry.
/// </summary>
public sealed class ReviewSentimentJourney(PlatformClient client, Action<string> say)
{
    public const string Command = "retail-reviews";
    public const string Solution = "retail-review-sentiment";
    public const string TestFile = "retail-reviews-test.csv";
    private const int ReviewsPerRequest = 16;

    public async Task<ReviewSentimentResult> RunAsync(Func<string, string> datasetFile, int predictions, CancellationToken ct)
    {
        var journey = await new DeploymentJourney(client, say) { Timeout = TimeSpan.FromMinutes(25) }.RunAsync(Solution, datasetFile, predictions, ct);

        // The test file's 1,000 reviews through predict, 16 a request: the promoted model's ROC-AUC on text it never saw.
        TabularData test;
        await using (var stream = File.OpenRead(datasetFile(TestFile))) test = CsvTableReader.ReadAll(stream);
        var (review, score) = (test.ColumnIndex("review"), test.ColumnIndex("score"));
        var great = new float[test.Rows.Count];
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < test.Rows.Count; start += ReviewsPerRequest)
        {
            var instances = new JsonArray([.. test.Rows.Skip(start).Take(ReviewsPerRequest).Select(r => (JsonNode)new JsonObject { ["review"] = r[review] })]);
            var answer = await client.PredictAsync(journey.Deployment, journey.ApiKey, instances, ct);
            var served = answer["predictions"]!.AsArray();
            for (var i = 0; i < served.Count; i++) great[start + i] = served[i]!["probabilities"]!["great"]!.GetValue<float>();
        }
        var servedRowsPerSecond = test.Rows.Count / clock.Elapsed.TotalSeconds;
        var testAuc = ClassificationMetrics.AreaUnderRoc([.. test.Rows.Select(r => r[score] == "great")], great);
        say($"the promoted {journey.PromotedVariant} model on the {test.Rows.Count:N0} test reviews through predict: ROC-AUC {testAuc:F4} ({servedRowsPerSecond:F0} reviews/s, {ReviewsPerRequest} a request)");

        // One review a request, one after another: what a single caller waits.
        var single = new List<double>();
        foreach (var row in test.Rows.Take(200))
        {
            var started = Stopwatch.GetTimestamp();
            await client.PredictAsync(journey.Deployment, journey.ApiKey, [new JsonObject { ["review"] = row[review] }], ct);
            single.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        single.Sort();
        var p50 = single[single.Count / 2];
        say($"one review a request: p50 {p50:F1} ms over {single.Count} requests");

        var versions = (await client.ModelVersionsAsync(journey.TenantId, journey.Deployment, ct)).AsArray();
        var fp32 = versions.First(v => v!["technique"]!.GetValue<string>() == "fp32")!;
        var run = versions.Where(v => v!["runId"]!.GetValue<Guid>() == fp32["runId"]!.GetValue<Guid>()).ToArray();
        // fp32 was timed in turns with each variant (ADR 15): its figure is their baseline's.
        var fp32Batch64Ms = run.Select(v => v!["compression"]?["baselineLatencyBatch64Ms"]?.GetValue<double>()).FirstOrDefault(ms => ms is not null);
        var variants = run.Select(v => Variant(v!, fp32Batch64Ms)).OrderBy(v => v.Technique == "fp32" ? 0 : 1).ToArray();
        foreach (var v in variants)
            say($"{v.Technique} ({v.Family}): held-out ROC-AUC {v.HeldOutAuc:F4}, {v.Bytes:N0} bytes, {v.RowsPerSecond:F0} rows/s at batch 64");
        var lineage = await client.ModelVersionLineageAsync(journey.TenantId, Guid.Parse(journey.ModelVersion), ct);
        return new ReviewSentimentResult(
            journey.PromotedVariant, Math.Round(testAuc, 4), variants, lineage["baseModel"]?["name"]?.GetValue<string>(),
            journey.SecondsToServing, Math.Round(p50, 2), Math.Round(servedRowsPerSecond, 1), journey.Predictions, journey.BilledPredictions, journey.TraceId);
    }

    /// <summary>A variant's figures from the registry: its ROC-AUC on the held-out split of the train file, bytes, rows/s at batch 64 (its compression report).</summary>
    private static VariantFigures Variant(JsonNode version, double? fp32Batch64Ms)
    {
        var technique = version["technique"]!.GetValue<string>();
        var batch64Ms = technique == "fp32" ? fp32Batch64Ms : version["compression"]?["latencyBatch64Ms"]?.GetValue<double>();
        return new VariantFigures(technique, version["family"]!.GetValue<string>(), Math.Round(version["testAuc"]!.GetValue<double>(), 4),
            version["artifact"]!["sizeBytes"]!.GetValue<long>(), batch64Ms is { } ms ? Math.Round(64_000 / ms, 1) : null,
            version["stage"]!.GetValue<string>());
    }
}

/// <summary>One variant: held-out ROC-AUC (the split the registry measures every variant on), bytes, rows/s at batch 64 (fp32's: its variants' baseline).</summary>
public sealed record VariantFigures(
    [property: JsonPropertyName("technique")] string Technique,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("heldOutAuc")] double HeldOutAuc,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("rowsPerSecond")] double? RowsPerSecond,
    [property: JsonPropertyName("stage")] string Stage);

/// <summary>The last line of <c>./platform demo retail-reviews</c>.</summary>
public sealed record ReviewSentimentResult(
    [property: JsonPropertyName("promotedVariant")] string PromotedVariant,
    [property: JsonPropertyName("testFileAuc")] double TestFileAuc,
    [property: JsonPropertyName("variants")] IReadOnlyList<VariantFigures> Variants,
    [property: JsonPropertyName("baseModel")] string? BaseModel,
    [property: JsonPropertyName("secondsToServing")] double SecondsToServing,
    [property: JsonPropertyName("oneReviewP50Ms")] double OneReviewP50Ms,
    [property: JsonPropertyName("servedReviewsPerSecond")] double ServedReviewsPerSecond,
    [property: JsonPropertyName("predictions")] long Predictions,
    [property: JsonPropertyName("billedPredictions")] long BilledPredictions,
    [property: JsonPropertyName("traceId")] string TraceId);
