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

    /// <summary>Bin every served row into its deployment's drift window (off only to measure what it costs).</summary>
    public bool DriftMonitoring { get; set; } = true;

    /// <summary>A window closed by time needs this many rows; fewer would make its PSI noise.</summary>
    public long MinTimedWindowRows { get; set; } = 100;

    /// <summary>Served predictions kept per deployment for feedback to join (the oldest go first).</summary>
    public int MaxServedPredictionsPerDeployment { get; set; } = 20_000;

    /// <summary>Drift windows kept per deployment, for its PSI history.</summary>
    public int MaxDriftWindowsPerDeployment { get; set; } = 5_000;

    /// <summary>Live quality is measured over this many of the most recent labelled predictions.</summary>
    public int QualityWindowRows { get; set; } = 1_000;

    /// <summary>How often the registry hears when each API key was last used.</summary>
    public TimeSpan KeyUsageReportInterval { get; set; } = TimeSpan.FromSeconds(10);
}
