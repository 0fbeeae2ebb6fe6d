namespace Platform.Inference.Extensions;

/// <summary>Usage reconciliation with billing (<c>Inference:Reconciliation</c>; ADR 14).</summary>
public sealed class ReconciliationOptions
{
    /// <summary>How often every organization's served usage is compared with what billing applied.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Usage younger than this waits for the next run. Its event normally reaches billing within a
    /// second; two minutes also cover a slow commit and a short broker or billing hiccup, which would
    /// otherwise be re-sent needlessly (harmless, but noise in the results).
    /// </summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far back each run compares (from the start of that hour): a day of outage and more is still found.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How often each replica looks whether a run is due: often enough to keep to the interval, at most once a minute.</summary>
    public TimeSpan PollInterval() => Interval < TimeSpan.FromMinutes(1) ? Interval : TimeSpan.FromMinutes(1);
}
