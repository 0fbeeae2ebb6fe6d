namespace Platform.Portal.Services.Models;

// The registry's retraining API as the portal reads it. Trigger, state and decision stay strings,
// as the registry spells them, so a value the portal does not know yet is still shown.

/// <summary>When the registry retrains a deployment, and when a challenger replaces the champion.</summary>
public sealed record RetrainingPolicy(
    double PsiThreshold, int ConsecutiveWindows, int WindowRows, int WindowSeconds, int CooldownSeconds,
    int MinLabelledRows, double PromotionMargin, double MaxQualityDrop,
    bool OnNewData, bool OnDrift, bool OnQualityDrop, DateTimeOffset? UpdatedAt);

/// <summary>The body of a policy change: the policy without the registry's own timestamp.</summary>
public sealed record RetrainingPolicyChange(
    double PsiThreshold, int ConsecutiveWindows, int WindowRows, int WindowSeconds, int CooldownSeconds,
    int MinLabelledRows, double PromotionMargin, double MaxQualityDrop,
    bool OnNewData, bool OnDrift, bool OnQualityDrop);

/// <summary>
/// One retraining: what set it off, the data and run it used, and whether its challenger beat the
/// champion. <see cref="Trigger"/> is drift, quality-drop or new-data; <see cref="State"/> is
/// AwaitingFeedback, DerivingData, Training, Compressing, Promoted, Rejected or Failed;
/// <see cref="Decision"/> is Promoted, Rejected or null while undecided.
/// </summary>
public sealed record RetrainingEpisode(
    Guid Id, string Trigger, string? TriggerDetail, string State,
    Guid? BaseDatasetVersionId, Guid? DatasetVersionId, long LabelledRows, Guid? RunId,
    Guid? ChampionVersionId, Guid? ChallengerVersionId, double? ChampionAuc, double? ChallengerAuc,
    string? Decision, string? Reason, DateTimeOffset StartedAt, DateTimeOffset? DecidedAt, double? SecondsToDecision);
