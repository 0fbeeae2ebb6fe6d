namespace Platform.Registry.Extensions;

/// <summary>
/// When a run that stopped moving is given up (<c>Runs</c> in configuration). Both limits count from
/// the run's last progress and must cover the longest wait in the worker's queue plus the longest
/// silent stretch of the job. Measured: the retraining demo trains and compresses the finance
/// sample in under 6 s; training runs at 150,000 to 345,000 rows a second here, so an epoch of the
/// largest upload (a million rows, 700,000 to train on) takes seconds. Compression reports nothing
/// until it is done. The defaults (30 and 15 minutes) are far above both, which leaves room for a queue.
/// </summary>
public sealed class RunWatchdogOptions
{
    public const string Section = "Runs";

    /// <summary>A run in training with no further epoch for this long (or none since it was requested) is failed.</summary>
    public TimeSpan TrainingStalledAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A run whose compression has not answered for this long is treated as a failed compression.</summary>
    public TimeSpan CompressionStalledAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the runs in progress are looked at; a stalled run is failed within this much of its limit.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
