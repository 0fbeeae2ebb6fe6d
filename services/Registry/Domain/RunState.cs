namespace Platform.Registry.Domain;

/// <summary>The steps of a pipeline run, in order; a run only moves forward.</summary>
public enum RunState
{
    Training,
    Compressing,
    Promoted,
    /// <summary>A retraining run whose challenger lost to the champion: done, nothing promoted.</summary>
    Rejected,
    Failed,
}
