namespace Platform.Registry.Domain;

/// <summary>
/// The deployment process manager's state for one run (data → trained → compressed → promoted).
/// It lives in the registry's own tables, so a restart mid-flow resumes from the next message.
/// Its id is the correlation id of every message of the run.
/// </summary>
public sealed class PipelineRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid DeploymentId { get; init; }
    /// <summary>The version the run trains on: the raw version while it is treated, then the treated one.</summary>
    public Guid DatasetVersionId { get; set; }
    public required string Trigger { get; init; }
    /// <summary>The retraining episode this run is the challenger of; null for a deployment's first runs.</summary>
    public Guid? EpisodeId { get; init; }
    public RunState State { get; set; }
    public int Epoch { get; set; }
    public double? ValidationAuc { get; set; }
    public Guid? BaseVersionId { get; set; }
    public Guid? PromotedVersionId { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// When the run last moved forward: it started, reached a further epoch, or finished a step.
    /// A repeated epoch (a restarted training reporting again) is not progress, so a training that
    /// crashes at the same point again and again still stalls (<see cref="RunStall"/>).
    /// </summary>
    public DateTimeOffset ProgressedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public bool Advance(RunState from, RunState to, DateTimeOffset now)
    {
        if (State != from) return false;
        State = to;
        UpdatedAt = now;
        ProgressedAt = now;
        if (to is RunState.Promoted or RunState.Rejected or RunState.Failed) CompletedAt = now;
        return true;
    }

    /// <summary>
    /// Takes a finished epoch into the run's history. Progress travels on its own queue and may be
    /// overtaken by the run's outcome, or arrive out of order: a late epoch is still history, but
    /// the run's latest epoch and AUC only move forward, and only while it trains.
    /// </summary>
    public RunEpoch RecordEpoch(int epoch, double trainLoss, double validationLoss, double validationAuc, DateTimeOffset now)
    {
        if (State == RunState.Training && epoch > Epoch)
        {
            Epoch = epoch;
            ValidationAuc = validationAuc;
            UpdatedAt = now;
            ProgressedAt = now;
        }
        return new RunEpoch
        {
            TenantId = TenantId,
            RunId = Id,
            Epoch = epoch,
            TrainLoss = trainLoss,
            ValidationLoss = validationLoss,
            ValidationAuc = validationAuc,
            RecordedAt = now,
        };
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        if (State is RunState.Promoted or RunState.Rejected or RunState.Failed) return;
        State = RunState.Failed;
        Reason = reason;
        UpdatedAt = now;
        CompletedAt = now;
    }
}
