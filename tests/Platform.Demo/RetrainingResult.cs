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
    [property: JsonPropertyName("traceId")] string? TraceId,
    [property: JsonPropertyName("conceptShift")] ConceptShiftResult? ConceptShift = null)
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

/// <summary>The concept-shift episode: the decision, both ROC-AUCs on the same rows, the time from the shift to the challenger serving, and the traffic during it.</summary>
public sealed record ConceptShiftResult(
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("championAuc")] double? ChampionAuc,
    [property: JsonPropertyName("challengerAuc")] double? ChallengerAuc,
    [property: JsonPropertyName("secondsFromShiftToPromotion")] double? SecondsFromShiftToPromotion,
    [property: JsonPropertyName("requestsDuringSwap")] long RequestsDuringSwap,
    [property: JsonPropertyName("failedRequests")] long FailedRequests)
{
    [JsonIgnore] public string Column { get; init; } = "";
    [JsonIgnore] public string? Trigger { get; init; }
    [JsonIgnore] public Guid? ChallengerVersionId { get; init; }
}
