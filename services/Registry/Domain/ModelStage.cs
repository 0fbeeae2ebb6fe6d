namespace Platform.Registry.Domain;

public enum ModelStage
{
    /// <summary>Registered and evaluated, not serving.</summary>
    Candidate,
    /// <summary>Serving its deployment (one per deployment).</summary>
    Production,
    /// <summary>Served before, replaced by a newer promotion.</summary>
    Archived,
    /// <summary>A retraining's challenger that did not beat the champion on the same rows.</summary>
    Rejected,
}
