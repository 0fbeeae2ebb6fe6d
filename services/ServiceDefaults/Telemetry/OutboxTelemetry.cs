using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>The outbox's instruments on the platform meter.</summary>
public static class OutboxTelemetry
{
    // Counted in the database by the dispatcher (and after a release); the gauge only reads it, so
    // an export never waits on a query.
    private static long _quarantined;

    public static readonly ObservableGauge<long> Quarantined = PlatformTelemetry.Meter.CreateObservableGauge(
        "platform.outbox.quarantined", () => Interlocked.Read(ref _quarantined), unit: "{message}",
        description: "Outbox rows of this service's database held in quarantine until an operator releases them (every replica reports the same rows)");

    public static long QuarantinedCount => Interlocked.Read(ref _quarantined);

    public static void ReportQuarantined(long count) => Interlocked.Exchange(ref _quarantined, count);
}
