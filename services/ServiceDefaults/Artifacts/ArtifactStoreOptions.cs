namespace Platform.ServiceDefaults.Artifacts;

public sealed class ArtifactStoreOptions
{
    public const string Section = "Artifacts";

    /// <summary>A folder every service can read (a shared volume or a mounted object store in production).</summary>
    public string Root { get; set; } = "";
}
