namespace Platform.ServiceDefaults.Artifacts;

public sealed class ArtifactStoreOptions
{
    public const string Section = "Artifacts";

    /// <summary>A folder every service can read (a shared volume or a mounted object store in production).</summary>
    public string Root { get; set; } = "";

    /// <summary>
    /// Where each tenant's key is kept, wrapped by the master key: a secrets folder, never under
    /// <see cref="Root"/>, so a copy of the store is not a copy of its keys (ADR 29).
    /// </summary>
    public string KeysRoot { get; set; } = "";

    /// <summary>A file holding the master key (32 bytes, base64), readable by the platform's user only.</summary>
    public string MasterKeyFile { get; set; } = "";
}
