using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Extensions;

public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Instances one request may carry; bigger batches belong in several requests.</summary>
    public int MaxInstancesPerRequest { get; set; } = 1000;

    /// <summary>
    /// Bytes of a predict request's body, refused before it is parsed. 4 MiB lets a full batch average
    /// 4 KiB an instance, about ten times a row of the finance sample.
    /// </summary>
    public long MaxPredictBodyBytes { get; set; } = 4L << 20;

    /// <summary>Properties of one instance: a whole row of the widest dataset Ingestion accepts (1,000 columns) fits.</summary>
    public int MaxInstanceProperties { get; set; } = 1_000;

    /// <summary>
    /// Bytes of one instance's JSON. 32 KiB holds that widest row with short names, or the longest
    /// value a dataset accepts (10,000 characters); it also bounds what a kept instance can cost.
    /// </summary>
    public int MaxInstanceBytes { get; set; } = 32 << 10;

    /// <summary>
    /// Instances one <c>explain=true</c> request may carry. Each is scored once per input per order
    /// (ADR 23: 4 orders of 20 inputs is 80 rows), so explaining is for a few instances at a time.
    /// </summary>
    public int MaxExplainedInstances { get; set; } = 100;

    /// <summary>
    /// Orders of the inputs a sampled explanation averages over (a network's, a multiclass tree
    /// file's); logistic regression needs one, and a binary tree file's is computed from its trees.
    /// </summary>
    public int ExplanationPermutations { get; set; } = 4;

    /// <summary>Items in one feedback request; more labels belong in several requests.</summary>
    public int MaxFeedbackItems { get; set; } = 10_000;

    /// <summary>How often the database is merged into memory, so a replica that missed a message still converges.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Threads one session may use per request. Tabular models are small: one thread per request
    /// and parallel requests beat splitting one request over cores that other requests need.
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Bytes of model files this replica keeps loaded (a session holds about its file's size in
    /// weights). Past it the least recently used deployments' models are evicted and load again on
    /// their next request. 1 GiB holds several hundred tabular models of the samples' size (the
    /// finance MLP is 170 KB) or a few text encoders (all-MiniLM-L6-v2 is 90 MB).
    /// </summary>
    public long MaxLoadedModelBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Versions pinned by requests (<c>?version=</c>, the protocol's <c>/versions/{v}</c>) that are
    /// not promoted and stay loaded beside the promoted models; past it the least recently used is
    /// unloaded. Pinning is for comparing a variant or a challenger, not for serving many at once.
    /// </summary>
    public int MaxPinnedModels { get; set; } = 4;

    /// <summary>
    /// Closed drift windows waiting to be recorded. A window is small (a few bins a feature), so
    /// this only binds when the database is away for long; windows past it are dropped and counted
    /// (<c>platform.inference.drift.windows_dropped</c>) rather than held without bound.
    /// </summary>
    public int MaxPendingDriftWindows { get; set; } = 10_000;

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

    /// <summary>Gathering concurrent requests' writes into one transaction.</summary>
    public GroupCommitOptions GroupCommit { get; set; } = new();

    /// <summary>Scoring concurrent requests for one model as one run.</summary>
    public BatchingOptions Batching { get; set; } = new();

    /// <summary>Comparing served usage with billing's, and re-sending what billing lacks.</summary>
    public ReconciliationOptions Reconciliation { get; set; } = new();

    /// <summary>Heartbeats, and when a replica is no longer waited for (ADR 18).</summary>
    public ReplicaOptions Replicas { get; set; } = new();

    /// <summary>
    /// Pixels an image instance may claim in its header (ADR 34): it is refused before it is decoded,
    /// so a small file cannot make the service allocate a huge canvas.
    /// </summary>
    public long MaxImagePixels { get; set; } = Serving.InstanceLimits.DefaultMaxImagePixels;

    public InstanceLimits InstanceLimits() => new(MaxInstancesPerRequest, MaxInstanceProperties, MaxInstanceBytes, MaxImagePixels);

    public ServiceLimit PredictBodyBytes() => new("maxPredictBodyBytes", MaxPredictBodyBytes);

    public ServiceLimit FeedbackItems() => new("maxFeedbackItems", MaxFeedbackItems);
}
