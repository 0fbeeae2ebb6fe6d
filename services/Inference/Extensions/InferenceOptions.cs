namespace Platform.Inference.Extensions;

public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Instances one request may carry; bigger batches belong in several requests.</summary>
    public int MaxInstancesPerRequest { get; set; } = 1000;

    /// <summary>How often the database is merged into memory, so a replica that missed a message still converges.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Threads one session may use per request. Tabular models are small: one thread per request
    /// and parallel requests beat splitting one request over cores that other requests need.
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;
}
