using System.Text.Json.Serialization;

namespace Platform.Demo;

/// <summary>The retraining demo's outcome, printed as its last line: one JSON object.</summary>
public sealed record RetrainingResult(
    [property: JsonPropertyName("driftDetected")] bool DriftDetected,
    [property: JsonPropertyName("driftFeatures")] IReadOnlyList<string> DriftFeatures,
    [property: JsonPropertyName("psiMax")] double PsiMax,
    [property: JsonPropertyName("falseAlarmsBeforeShift")] int FalseAlarmsBeforeShift,
    [property: JsonPropertyName("challengerVersion")] int? ChallengerVersion,
    [property: JsonPropertyName("championAuc")] double? ChampionAuc,
    [property: JsonPropertyName("challengerAuc")] double? ChallengerAuc,
    [property: JsonPropertyName("decision")] string? Decision,
    [property: JsonPropertyName("secondsFromShiftToDecision")] double SecondsFromShiftToDecision,
    [property: JsonPropertyName("traceId")] string? TraceId)
{
    [JsonIgnore] public string Deployment { get; init; } = "";
    [JsonIgnore] public Guid TenantId { get; init; }
    [JsonIgnore] public IReadOnlyList<string> ShiftedColumns { get; init; } = [];
    [JsonIgnore] public int WindowsBeforeShift { get; init; }
    [JsonIgnore] public string? Reason { get; init; }
    [JsonIgnore] public Guid? ChallengerVersionId { get; init; }
    [JsonIgnore] public Guid ChampionVersionId { get; init; }
    [JsonIgnore] public Guid? DatasetVersionId { get; init; }
    [JsonIgnore] public string ApiKey { get; init; } = "";
}
