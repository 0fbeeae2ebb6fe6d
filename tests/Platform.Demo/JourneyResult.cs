using System.Text.Json.Serialization;

namespace Platform.Demo;

/// <summary>
/// The flagship job's outcome: printed as the very last line, one JSON object, for scripts and CI to read.
/// A variant the model's family does not make (int8 and pruning are an MLP's) has 0 bytes and null figures.
/// </summary>
public sealed record JourneyResult(
    [property: JsonPropertyName("datasetVersion")] string DatasetVersion,
    [property: JsonPropertyName("modelVersion")] string ModelVersion,
    [property: JsonPropertyName("promotedVariant")] string PromotedVariant,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("testAuc")] double TestAuc,
    [property: JsonPropertyName("fp32Bytes")] long Fp32Bytes,
    [property: JsonPropertyName("int8Bytes")] long Int8Bytes,
    [property: JsonPropertyName("int8TestAuc")] double? Int8TestAuc,
    [property: JsonPropertyName("distilledBytes")] long DistilledBytes,
    [property: JsonPropertyName("distilledTestAuc")] double? DistilledTestAuc,
    [property: JsonPropertyName("prunedBytes")] long PrunedBytes,
    [property: JsonPropertyName("prunedTestAuc")] double? PrunedTestAuc,
    [property: JsonPropertyName("fp32LatencyBatch64Ms")] double? Fp32LatencyBatch64Ms,
    [property: JsonPropertyName("distilledLatencyBatch64Ms")] double? DistilledLatencyBatch64Ms,
    [property: JsonPropertyName("p50LatencyMs")] double P50LatencyMs,
    [property: JsonPropertyName("predictions")] long Predictions,
    [property: JsonPropertyName("billedPredictions")] long BilledPredictions,
    [property: JsonPropertyName("invoiceTotal")] decimal InvoiceTotal,
    [property: JsonPropertyName("traceId")] string TraceId)
{
    /// <summary>Seconds from the upload to the promoted model answering (not part of the JSON contract).</summary>
    [JsonIgnore] public double SecondsToServing { get; init; }
    [JsonIgnore] public string Deployment { get; init; } = "";
    [JsonIgnore] public Guid TenantId { get; init; }
    [JsonIgnore] public string InvoiceCurrency { get; init; } = "";
    /// <summary>The deployment's key, for a journey that goes on calling it (never printed).</summary>
    [JsonIgnore] public string ApiKey { get; init; } = "";
}
