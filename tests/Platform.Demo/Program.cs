using System.Text.Json;
using Platform.Demo;

// ./platform demo <vertical|solution>: drives one solution end to end through the public APIs.
// Usage: Platform.Demo <vertical|solution|retraining [vertical]> --endpoints <endpoints.json> [--datasets <folder>] [--csv <file>] [--predictions N]
// ./platform errors and ./platform redrive: the operator's error queues (ErrorQueuesCommand.Usage).
if (ErrorQueuesCommand.Handles(args))
{
    try
    {
        return await ErrorQueuesCommand.RunAsync(args, Console.Out);
    }
    catch (Exception ex) when (ex is PlatformApiException or HttpRequestException or ArgumentException or FormatException or IOException)
    {
        Console.Error.WriteLine($"{args[0]} failed: {ex.Message}");
        return 1;
    }
}

// ./platform bench serving: the benchmark's deploy, promotion, billing check and open-loop steps (ServingBenchCommand.Usage).
if (ServingBenchCommand.Handles(args))
{
    try
    {
        return await ServingBenchCommand.RunAsync(args, Console.Out);
    }
    catch (Exception ex) when (ex is PlatformApiException or HttpRequestException or TimeoutException or InvalidOperationException
                                   or ArgumentException or FormatException or IOException)
    {
        Console.Error.WriteLine($"{ServingBenchCommand.Name} {(args.Length > 1 ? args[1] : "")} failed: {ex.Message}");
        return 1;
    }
}

// ./platform bench memory: a 2 GiB upload and the pipeline after it, with the services' peak memory (MemoryBenchCommand.Usage).
if (MemoryBenchCommand.Handles(args))
{
    try
    {
        return await MemoryBenchCommand.RunAsync(args, Console.Out);
    }
    catch (Exception ex) when (ex is PlatformApiException or HttpRequestException or TimeoutException or InvalidOperationException
                                   or ArgumentException or FormatException or IOException)
    {
        Console.Error.WriteLine($"{MemoryBenchCommand.Name} failed: {ex.Message}");
        return 1;
    }
}

// ./platform bench privacy: the privacy/utility curve through the public API (PrivacyBenchCommand.Usage).
if (PrivacyBenchCommand.Handles(args))
{
    try
    {
        return await PrivacyBenchCommand.RunAsync(args, Console.Out);
    }
    catch (Exception ex) when (ex is PlatformApiException or HttpRequestException or TimeoutException or InvalidOperationException
                                   or ArgumentException or FormatException or IOException)
    {
        Console.Error.WriteLine($"{PrivacyBenchCommand.Name} failed: {ex.Message}");
        return 1;
    }
}

// The product images sample (retail-products.zip): the first Fashion-MNIST train images as PNGs with a manifest (ProductImages).
if (args is ["sample-images", "--out", var sampleFile, ..])
{
    var count = args is [_, _, _, "--count", var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 2_000;
    ProductImages.WritePngArchive(sampleFile, count);
    Console.WriteLine($"{count} images written to {sampleFile} ({new FileInfo(sampleFile).Length:N0} bytes)");
    return 0;
}

var options = DemoOptions.Parse(args);
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
var client = new PlatformClient(PlatformEndpoints.Load(options.EndpointsFile), http, options.OperatorSecret());
var journey = new DeploymentJourney(client, line => Console.WriteLine($"  {line}"));

if (options.Retraining)
{
    Console.WriteLine($"Retraining loop on a fresh '{options.Vertical}' deployment: {options.Predictions} predictions as the data was, then {options.Predictions} shifted…");
    try
    {
        var outcome = await new RetrainingJourney(client, line => Console.WriteLine($"  {line}")).RunAsync(options.Vertical, options.DatasetFile, options.Predictions, CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine($"Deployment {outcome.Deployment}: drift on {string.Join(", ", outcome.DriftFeatures)} (shifted {string.Join(", ", outcome.ShiftedColumns)}), " +
                          $"{outcome.FalseAlarmsBeforeShift} false alarms in {outcome.WindowsBeforeShift} windows before the shift");
        Console.WriteLine($"  challenger v{outcome.ChallengerVersion}: ROC-AUC {outcome.ChallengerAuc} against the champion's {outcome.ChampionAuc} on the same rows → {outcome.Decision}");
        Console.WriteLine($"  {outcome.Reason}");
        Console.WriteLine($"  {outcome.SecondsFromShiftToDecision} s from the shift to the decision; trace {outcome.TraceId}");
        Console.WriteLine(JsonSerializer.Serialize(outcome));
        return outcome.DriftDetected && outcome.FalseAlarmsBeforeShift == 0 && outcome.Decision is not null ? 0 : 1;
    }
    catch (Exception ex) when (ex is PlatformApiException or TimeoutException or InvalidOperationException or ArgumentException or IOException)
    {
        Console.Error.WriteLine($"demo failed: {ex.Message}");
        return 1;
    }
}

if (options.Vertical == ReviewSentimentJourney.Command)
{
    Console.WriteLine("Deploying review sentiment end to end: MiniLM fine-tuned on 4,000 reviews, compressed, then asked about 1,000 it never saw…");
    try
    {
        var outcome = await new ReviewSentimentJourney(client, line => Console.WriteLine($"  {line}")).RunAsync(options.DatasetFile, options.Predictions, CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine($"Promoted the {outcome.PromotedVariant} variant (base model {outcome.BaseModel}): ROC-AUC {outcome.TestFileAuc:F4} on the test file, " +
                          $"one review p50 {outcome.OneReview.BackToBackP50Ms:F1} ms back to back, {outcome.OneReview.PacedP50Ms:F1} ms paced; {outcome.BilledPredictions} of {outcome.Predictions} predictions billed; trace {outcome.TraceId}");
        Console.WriteLine(JsonSerializer.Serialize(outcome));
        return outcome.BilledPredictions >= outcome.Predictions ? 0 : 1;
    }
    catch (Exception ex) when (ex is PlatformApiException or TimeoutException or InvalidOperationException or ArgumentException or IOException)
    {
        Console.Error.WriteLine($"demo failed: {ex.Message}");
        return 1;
    }
}

if (options.Vertical == ProductImagesJourney.Command)
{
    Console.WriteLine("Deploying product images end to end: a CNN trained on Fashion-MNIST's 60,000 train images, compressed, then asked about the 10,000 it never saw…");
    try
    {
        var outcome = await new ProductImagesJourney(client, line => Console.WriteLine($"  {line}")).RunAsync(options.Predictions, CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine($"Promoted the {outcome.PromotedVariant} variant: test accuracy {outcome.TestAccuracy:F4} on the 10,000 test images, trained in {outcome.TrainingSeconds} s, " +
                          $"one image p50 {outcome.OneImage.BackToBackP50Ms:F1} ms back to back, {outcome.OneImage.PacedP50Ms:F1} ms paced; {outcome.BilledPredictions} of {outcome.Predictions} predictions billed; trace {outcome.TraceId}");
        Console.WriteLine(JsonSerializer.Serialize(outcome));
        return outcome.BilledPredictions >= outcome.Predictions ? 0 : 1;
    }
    catch (Exception ex) when (ex is PlatformApiException or TimeoutException or InvalidOperationException or ArgumentException or IOException)
    {
        Console.Error.WriteLine($"demo failed: {ex.Message}");
        return 1;
    }
}

Console.WriteLine($"Deploying the '{options.Vertical}' solution end to end…");
try
{
    var result = await journey.RunAsync(options.Vertical, options.DatasetFile, options.Predictions, CancellationToken.None);
    Console.WriteLine();
    Console.WriteLine($"Deployment {result.Deployment} (tenant {result.TenantId}) is live:");
    // Only the variants this family's menu made (int8 and pruning are an MLP's alone).
    var variants = new[] { ("int8", result.Int8TestAuc, result.Int8Bytes), ("pruned", result.PrunedTestAuc, result.PrunedBytes), ("distilled", result.DistilledTestAuc, result.DistilledBytes) }
        .Where(v => v.Item2 is not null).Select(v => $" / {v.Item2:F4} ({v.Item1}, {v.Item3:N0} bytes)");
    Console.WriteLine($"  promoted the {result.PromotedVariant} variant: test ROC-AUC {result.TestAuc:F4} (fp32, {result.Family}, {result.Fp32Bytes:N0} bytes)" + string.Concat(variants));
    Console.WriteLine($"  upload to serving: {result.SecondsToServing:F1} s; p50 request latency {result.P50LatencyMs:F2} ms");
    Console.WriteLine($"  {result.Predictions} predictions sent, {result.BilledPredictions} billed, invoice preview {result.InvoiceTotal} {result.InvoiceCurrency}");
    Console.WriteLine($"  follow it in the dashboard: trace {result.TraceId}");
    Console.WriteLine(JsonSerializer.Serialize(result));
    return result.BilledPredictions == result.Predictions ? 0 : 1;
}
catch (Exception ex) when (ex is PlatformApiException or TimeoutException or InvalidOperationException or ArgumentException or IOException)
{
    Console.Error.WriteLine($"demo failed: {ex.Message}");
    return 1;
}
