namespace Platform.Registry.Domain;

/// <summary>The steps of a pipeline run, in order; a run only moves forward.</summary>
public enum RunState
{
    Training,
    Compressing,
    Promoted,
    Failed,
}
