namespace Platform.Contracts.Api.Registry;

/// <summary>A change of the retraining policy. Every field is optional: what is left out (null) keeps its current value.</summary>
public sealed record RetrainingPolicyRequest(
    double? PsiThreshold, int? ConsecutiveWindows, int? WindowRows, int? WindowSeconds, int? CooldownSeconds,
    int? MinLabelledRows, double? PromotionMargin, double? MaxQualityDrop, bool? OnNewData, bool? OnDrift, bool? OnQualityDrop);

/// <summary>When the registry retrains a deployment, and when a challenger replaces the champion.</summary>
public sealed record RetrainingPolicyResponse(
    double PsiThreshold, int ConsecutiveWindows, int WindowRows, int WindowSeconds, int CooldownSeconds,
    int MinLabelledRows, double PromotionMargin, double MaxQualityDrop, bool OnNewData, bool OnDrift, bool OnQualityDrop, DateTimeOffset UpdatedAt);

/// <summary>
/// One retraining: what set it off, the data and run it used, and whether its challenger beat the
/// champion on the same rows. Trigger, state and decision stay strings, as the registry spells them,
/// so the registry can add values and a client that does not know one yet still shows it:
/// <see cref="Trigger"/> is drift, quality-drop or new-data; <see cref="State"/> is AwaitingFeedback,
/// DerivingData, Training, Compressing, Promoted, Rejected or Failed; <see cref="Decision"/> is
/// Promoted, Rejected or null while undecided. The durations are in seconds: trigger to the
/// challenger's data, its training and scoring, and all of it.
/// </summary>
public sealed record RetrainingEpisodeResponse(
    Guid Id, string Trigger, string? TriggerDetail, string State, Guid? BaseDatasetVersionId, Guid? DatasetVersionId, long LabelledRows,
    Guid? RunId, Guid? ChampionVersionId, Guid? ChallengerVersionId, double? ChampionAuc, double? ChallengerAuc,
    IReadOnlyDictionary<string, double> ChampionMetrics, IReadOnlyDictionary<string, double> ChallengerMetrics,
    string? Decision, string? Reason, string? TraceId, DateTimeOffset StartedAt, DateTimeOffset? TrainingStartedAt, DateTimeOffset? DecidedAt,
    double? SecondsToData, double? SecondsTraining, double? SecondsToDecision);
