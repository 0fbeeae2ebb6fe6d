using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Platform.Tabular.Images;

namespace Platform.Demo;

/// <summary>
/// <c>./platform demo retail-images</c> (issue 17): the product images solution deployed from
/// Fashion-MNIST's 60,000 train images (its IDX files as Debian ships them, with the class names),
/// then every variant of the run (promoted or not, pinned by its version) asked about the 10,000
/// test images it never saw, as PNG files through predict, beside its registry figures.
/// </summary>
public sealed class ProductImagesJourney(PlatformClient client, Action<string> say)
{
    public const string Command = "retail-images";
    public const string Solution = "retail-product-images";
    private const int ImagesPerRequest = 100;
    private const int SingleImageRequests = 200;

    public async Task<ProductImagesResult> RunAsync(int predictions, CancellationToken ct)
    {
        var (test, labels) = ProductImages.Read(ProductImages.Test);
        var images = Enumerable.Range(0, test.Count).Select(i => ProductImages.Base64Png(test, i)).ToArray();
        var archive = Path.Combine(Path.GetTempPath(), $"fashion-mnist-train-{Guid.NewGuid():N}.zip");
        JourneyResult journey;
        try
        {
            ProductImages.WriteIdxArchive(archive, ProductImages.Train);
            journey = await new DeploymentJourney(client, say)
            {
                Timeout = TimeSpan.FromMinutes(40),
                Instances = (_, _) => [.. images.Take(1_000).Select(png => new JsonObject { ["image"] = png })],
            }.RunAsync(Solution, _ => archive, predictions, ct);
        }
        finally
        {
            File.Delete(archive);
        }

        var versions = (await client.ModelVersionsAsync(journey.TenantId, journey.Deployment, ct)).AsArray();
        var fp32 = versions.First(v => v!["technique"]!.GetValue<string>() == "fp32")!;
        var run = versions.Where(v => v!["runId"]!.GetValue<Guid>() == fp32["runId"]!.GetValue<Guid>()).ToArray();
        var fp32Batch64Ms = run.Select(v => v!["compression"]?["baselineLatencyBatch64Ms"]?.GetValue<double>()).FirstOrDefault(ms => ms is not null);
        var fp32Batch1Ms = run.Select(v => v!["compression"]?["baselineLatencyBatch1Ms"]?.GetValue<double>()).FirstOrDefault(ms => ms is not null);
        var trainingSeconds = fp32["candidates"]?.AsArray().FirstOrDefault(c => c!["chosen"]!.GetValue<bool>())?["trainingSeconds"]?.GetValue<double>();

        List<ImageVariantFigures> variants = [];
        foreach (var version in run.OrderBy(v => v!["technique"]!.GetValue<string>() == "fp32" ? 0 : 1))
        {
            var number = version!["number"]!.GetValue<int>();
            var (accuracy, imagesPerSecond) = await ScoreTestImagesAsync(journey, images, labels, number, ct);
            var oneImage = await OneImageAsync(journey, images, number, ct);
            var technique = version["technique"]!.GetValue<string>();
            var compression = version["compression"];
            var figures = new ImageVariantFigures(
                technique, version["family"]!.GetValue<string>(), version["stage"]!.GetValue<string>(), number,
                Math.Round(accuracy, 4), Math.Round(version["testAuc"]!.GetValue<double>(), 4), version["artifact"]!["sizeBytes"]!.GetValue<long>(),
                Round(technique == "fp32" ? fp32Batch1Ms : compression?["latencyBatch1Ms"]?.GetValue<double>()),
                Round(technique == "fp32" ? fp32Batch64Ms : compression?["latencyBatch64Ms"]?.GetValue<double>()),
                Math.Round(imagesPerSecond, 1), oneImage);
            say($"v{number} {technique} ({figures.Stage}): test accuracy {accuracy:F4} on the 10,000 test images through predict, held-out ROC-AUC {figures.HeldOutAuc:F4}, " +
                $"{figures.Bytes:N0} bytes, in process {figures.Batch1Ms} ms at batch 1 / {figures.Batch64Ms} ms at 64, {imagesPerSecond:F0} images/s served ({ImagesPerRequest} a request), one image p50 {oneImage.BackToBackP50Ms:F1} ms back to back, {oneImage.PacedP50Ms:F1} ms paced");
            variants.Add(figures);
        }
        var promoted = variants.Single(v => v.Stage == "Production");
        return new ProductImagesResult(journey.PromotedVariant, promoted.TestAccuracy, variants, trainingSeconds is { } s ? Math.Round(s, 1) : null,
            journey.SecondsToServing, promoted.OneImage, journey.Predictions, journey.BilledPredictions, journey.TraceId);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    /// <summary>The 10,000 test images through predict pinned to one version, <see cref="ImagesPerRequest"/> a request: accuracy and images/s.</summary>
    private async Task<(double Accuracy, double ImagesPerSecond)> ScoreTestImagesAsync(JourneyResult journey, string[] images, byte[] labels, int version, CancellationToken ct)
    {
        var right = 0;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < images.Length; start += ImagesPerRequest)
        {
            var instances = new JsonArray([.. images.Skip(start).Take(ImagesPerRequest).Select(png => (JsonNode)new JsonObject { ["image"] = png })]);
            var served = (await client.PredictAsync(journey.Deployment, journey.ApiKey, instances, ct, version))["predictions"]!.AsArray();
            for (var i = 0; i < served.Count; i++)
                if (served[i]!["label"]!.GetValue<string>() == ProductImages.Classes[labels[start + i]]) right++;
        }
        return ((double)right / images.Length, images.Length / clock.Elapsed.TotalSeconds);
    }

    /// <summary>One image a request, pinned to one version: the p50 a single caller waits, back to back and paced.</summary>
    private Task<SingleCallerLatency> OneImageAsync(JourneyResult journey, string[] images, int version, CancellationToken ct) =>
        DeploymentJourney.SingleCallerP50Async(client, journey, [.. images.Take(SingleImageRequests).Select(png => new JsonObject { ["image"] = png })], version, ct);
}

/// <summary>
/// One variant: accuracy on the 10,000 test images through predict pinned to its version; from the
/// registry its macro ROC-AUC on the held-out images of the train file, bytes, and its compression
/// report's in-process latencies at batch 1 and 64 (fp32's: its variants' baseline, timed in turns).
/// </summary>
public sealed record ImageVariantFigures(
    [property: JsonPropertyName("technique")] string Technique,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("testAccuracy")] double TestAccuracy,
    [property: JsonPropertyName("heldOutAuc")] double HeldOutAuc,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("batch1Ms")] double? Batch1Ms,
    [property: JsonPropertyName("batch64Ms")] double? Batch64Ms,
    [property: JsonPropertyName("servedImagesPerSecond")] double ServedImagesPerSecond,
    [property: JsonPropertyName("oneImage")] SingleCallerLatency OneImage);

/// <summary>The last line of <c>./platform demo retail-images</c>.</summary>
public sealed record ProductImagesResult(
    [property: JsonPropertyName("promotedVariant")] string PromotedVariant,
    [property: JsonPropertyName("testAccuracy")] double TestAccuracy,
    [property: JsonPropertyName("variants")] IReadOnlyList<ImageVariantFigures> Variants,
    [property: JsonPropertyName("trainingSeconds")] double? TrainingSeconds,
    [property: JsonPropertyName("secondsToServing")] double SecondsToServing,
    [property: JsonPropertyName("oneImage")] SingleCallerLatency OneImage,
    [property: JsonPropertyName("predictions")] long Predictions,
    [property: JsonPropertyName("billedPredictions")] long BilledPredictions,
    [property: JsonPropertyName("traceId")] string TraceId);
