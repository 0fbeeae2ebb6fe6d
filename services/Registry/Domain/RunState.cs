namespace Platform.Registry.Domain;

/// <summary>The steps of a pipeline run, in order; a run only moves forward.</summary>
public enum RunState
{
    /// <summary>Waiting for Ingestion's treated version of the run's data (personal data treated, ADR 30).</summary>
    Treating,
    Training,
    Compressing,
    Promoted,
    /// <summary>A retraining run whose challenger lost to the champion: done, nothing promoted.</summary>
    Rejected,
    Failed,
}
