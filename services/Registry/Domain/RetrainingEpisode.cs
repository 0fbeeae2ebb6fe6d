namespace Platform.Registry.Domain;

public enum EpisodeState
{
    /// <summary>Triggered by drift or a quality drop; waiting until enough served rows have true labels.</summary>
    AwaitingFeedback,
    /// <summary>Inference and Ingestion are making the new dataset version (base + labelled served rows).</summary>
    DerivingData,
    Training,
    Compressing,
    Promoted,
    Rejected,
    Failed,
}

/// <summary>
/// One retraining of a deployment, from its trigger to the decision: the retraining process
/// manager's state, in the registry's tables, so a restart resumes it from the next message. Its
/// id is the correlation id of the messages it sends.
/// </summary>
public sealed class RetrainingEpisode
{
    public const string TriggerDrift = "drift";
    public const string TriggerQualityDrop = "quality-drop";
    public const string TriggerNewData = "new-data";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid DeploymentId { get; init; }
    public required string Trigger { get; set; }
    public string? TriggerDetail { get; set; }
    public EpisodeState State { get; set; }
    public Guid ChampionVersionId { get; init; }
    public double? ChampionTestAuc { get; init; }
    /// <summary>The champion's dataset version, which a feedback-derived version extends.</summary>
    public Guid BaseDatasetVersionId { get; init; }
    public Guid? DatasetVersionId { get; set; }
    public long LabelledRows { get; set; }
    public Guid? RunId { get; set; }
    public Guid? ChallengerVersionId { get; set; }
    /// <summary>Both measured on the test rows of the new dataset version.</summary>
    public double? ChampionAuc { get; set; }
    public double? ChallengerAuc { get; set; }
    /// <summary>Every test metric of both, on those rows (accuracy, F1, log loss, …).</summary>
    public Dictionary<string, double> ChampionMetrics { get; set; } = [];
    public Dictionary<string, double> ChallengerMetrics { get; set; } = [];
    public string? Reason { get; set; }
    /// <summary>The trace that carries the episode's work, to follow it in the dashboard.</summary>
    public string? TraceId { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When the challenger's data was there and its training started.</summary>
    public DateTimeOffset? TrainingStartedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public bool IsOpen => State is not (EpisodeState.Promoted or EpisodeState.Rejected or EpisodeState.Failed);

    /// <summary>Busy: it has data on its way or a challenger in training, so a new trigger must not start another.</summary>
    public bool IsInFlight => State is EpisodeState.DerivingData or EpisodeState.Training or EpisodeState.Compressing;

    public void Move(EpisodeState to, DateTimeOffset now)
    {
        State = to;
        UpdatedAt = now;
        if (!IsOpen) DecidedAt = now;
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        Reason = reason;
        Move(EpisodeState.Failed, now);
    }
}
