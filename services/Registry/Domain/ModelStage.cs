namespace Platform.Registry.Domain;

public enum ModelStage
{
    /// <summary>Registered and evaluated, not serving.</summary>
    Candidate,
    /// <summary>Serving its deployment (one per deployment).</summary>
    Production,
    /// <summary>Served before, replaced by a newer promotion.</summary>
    Archived,
}
