namespace Platform.Registry.Domain;

public enum DeploymentState
{
    /// <summary>Created; no version of its dataset has arrived yet.</summary>
    AwaitingData,
    /// <summary>A pipeline run is training or compressing its first model.</summary>
    Building,
    /// <summary>A model serves it.</summary>
    Serving,
    /// <summary>Its first run failed; the reason is on the run.</summary>
    Failed,
}
