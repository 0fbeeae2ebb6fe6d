using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Platform.Tabular;
using Platform.Tabular.Evaluation;

namespace Platform.Demo;

/// <summary>
/// <c>./platform demo retail-reviews</c> (issue 15): the review sentiment solution deployed from the
/// 4,000 train reviews, then every variant of the run (promoted or not, pinned by its version)
/// asked about the 1,000 test reviews it never saw, through predict, beside its registry figures.
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

        TabularData test;
        await using (var stream = File.OpenRead(datasetFile(TestFile))) test = CsvTableReader.ReadAll(stream);
        var versions = (await client.ModelVersionsAsync(journey.TenantId, journey.Deployment, ct)).AsArray();
        var fp32 = versions.First(v => v!["technique"]!.GetValue<string>() == "fp32")!;
        var run = versions.Where(v => v!["runId"]!.GetValue<Guid>() == fp32["runId"]!.GetValue<Guid>()).ToArray();
        // fp32 was timed in turns with each variant (ADR 15): its figure is their baseline's.
        var fp32Batch64Ms = run.Select(v => v!["compression"]?["baselineLatencyBatch64Ms"]?.GetValue<double>()).FirstOrDefault(ms => ms is not null);

        // Every variant of the run asked about the 1,000 test reviews it never saw, through predict
        // pinned to its version (promoted or not), then one review a request: what a caller sees of each.
        List<VariantFigures> variants = [];
        foreach (var version in run.OrderBy(v => v!["technique"]!.GetValue<string>() == "fp32" ? 0 : 1))
        {
            var number = version!["number"]!.GetValue<int>();
            var (auc, reviewsPerSecond) = await ScoreTestFileAsync(journey, test, number, ct);
            var oneReview = await OneReviewAsync(journey, test, number, ct);
            var figures = Variant(version, fp32Batch64Ms, auc, reviewsPerSecond, oneReview);
            say($"v{number} {figures.Technique} ({figures.Family}, {figures.Stage}): test file ROC-AUC {auc:F4} through predict, held-out {figures.HeldOutAuc:F4}, " +
                $"{figures.Bytes:N0} bytes, {figures.RowsPerSecond:F0} rows/s at batch 64 in process, {reviewsPerSecond:F0} reviews/s served ({ReviewsPerRequest} a request), one review p50 {oneReview.BackToBackP50Ms:F1} ms back to back, {oneReview.PacedP50Ms:F1} ms paced");
            variants.Add(figures);
        }
        var promoted = variants.Single(v => v.Stage == "Production");
        var lineage = await client.ModelVersionLineageAsync(journey.TenantId, Guid.Parse(journey.ModelVersion), ct);
        return new ReviewSentimentResult(
            journey.PromotedVariant, promoted.TestFileAuc, variants, lineage["baseModel"]?["name"]?.GetValue<string>(),
            journey.SecondsToServing, promoted.OneReview, promoted.ServedReviewsPerSecond, journey.Predictions, journey.BilledPredictions, journey.TraceId);
    }

    /// <summary>The test file through predict pinned to one version, <see cref="ReviewsPerRequest"/> reviews a request: its ROC-AUC and reviews/s.</summary>
    private async Task<(double Auc, double ReviewsPerSecond)> ScoreTestFileAsync(JourneyResult journey, TabularData test, int version, CancellationToken ct)
    {
        var (review, score) = (test.ColumnIndex("review"), test.ColumnIndex("score"));
        var great = new float[test.Rows.Count];
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < test.Rows.Count; start += ReviewsPerRequest)
        {
            var instances = new JsonArray([.. test.Rows.Skip(start).Take(ReviewsPerRequest).Select(r => (JsonNode)new JsonObject { ["review"] = r[review] })]);
            var answer = await client.PredictAsync(journey.Deployment, journey.ApiKey, instances, ct, version);
            var served = answer["predictions"]!.AsArray();
            for (var i = 0; i < served.Count; i++) great[start + i] = served[i]!["probabilities"]!["great"]!.GetValue<float>();
        }
        var reviewsPerSecond = test.Rows.Count / clock.Elapsed.TotalSeconds;
        return (ClassificationMetrics.AreaUnderRoc([.. test.Rows.Select(r => r[score] == "great")], great), reviewsPerSecond);
    }

    /// <summary>One review a request, pinned to one version: the p50 a single caller waits, back to back and paced.</summary>
    private Task<SingleCallerLatency> OneReviewAsync(JourneyResult journey, TabularData test, int version, CancellationToken ct) =>
        DeploymentJourney.SingleCallerP50Async(client, journey,
            [.. test.Rows.Take(200).Select(row => new JsonObject { ["review"] = row[test.ColumnIndex("review")] })], version, ct);

    /// <summary>A variant's figures: from the registry its ROC-AUC on the held-out split of the train file, bytes, rows/s at batch 64 (its compression report); from predict the test file's.</summary>
    private static VariantFigures Variant(JsonNode version, double? fp32Batch64Ms, double testFileAuc, double servedReviewsPerSecond, SingleCallerLatency oneReview)
    {
        var technique = version["technique"]!.GetValue<string>();
        var batch64Ms = technique == "fp32" ? fp32Batch64Ms : version["compression"]?["latencyBatch64Ms"]?.GetValue<double>();
        return new VariantFigures(technique, version["family"]!.GetValue<string>(), Math.Round(version["testAuc"]!.GetValue<double>(), 4),
            version["artifact"]!["sizeBytes"]!.GetValue<long>(), batch64Ms is { } ms ? Math.Round(64_000 / ms, 1) : null,
            version["stage"]!.GetValue<string>(), version["number"]!.GetValue<int>(), Math.Round(testFileAuc, 4),
            Math.Round(servedReviewsPerSecond, 1), oneReview);
    }
}

/// <summary>
/// One variant: held-out ROC-AUC (the split the registry measures every variant on), bytes, rows/s
/// at batch 64 in process (fp32's: its variants' baseline); through predict pinned to its version,
/// the test file's ROC-AUC, reviews/s served and one review's p50.
/// </summary>
public sealed record VariantFigures(
    [property: JsonPropertyName("technique")] string Technique,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("heldOutAuc")] double HeldOutAuc,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("rowsPerSecond")] double? RowsPerSecond,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("testFileAuc")] double TestFileAuc,
    [property: JsonPropertyName("servedReviewsPerSecond")] double ServedReviewsPerSecond,
    [property: JsonPropertyName("oneReview")] SingleCallerLatency OneReview);

/// <summary>The last line of <c>./platform demo retail-reviews</c>.</summary>
public sealed record ReviewSentimentResult(
    [property: JsonPropertyName("promotedVariant")] string PromotedVariant,
    [property: JsonPropertyName("testFileAuc")] double TestFileAuc,
    [property: JsonPropertyName("variants")] IReadOnlyList<VariantFigures> Variants,
    [property: JsonPropertyName("baseModel")] string? BaseModel,
    [property: JsonPropertyName("secondsToServing")] double SecondsToServing,
    [property: JsonPropertyName("oneReview")] SingleCallerLatency OneReview,
    [property: JsonPropertyName("servedReviewsPerSecond")] double ServedReviewsPerSecond,
    [property: JsonPropertyName("predictions")] long Predictions,
    [property: JsonPropertyName("billedPredictions")] long BilledPredictions,
    [property: JsonPropertyName("traceId")] string TraceId);
