using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>The messaging instruments on the platform meter (exported to the Aspire dashboard with the others).</summary>
public static class MessagingTelemetry
{
    /// <summary>OpenTelemetry's name for a queue (messaging semantic conventions).</summary>
    public const string QueueTag = "messaging.destination.name";

    private static readonly ConcurrentDictionary<string, long> ErrorQueueDepths = new(StringComparer.Ordinal);

    /// <summary>Messages waiting in each error queue of the service, as last read from the broker.</summary>
    public static readonly ObservableGauge<long> ErrorQueueDepth = PlatformTelemetry.Meter.CreateObservableGauge(
        "platform.messaging.error_queue.depth",
        () => ErrorQueueDepths.Select(kv => new Measurement<long>(kv.Value, new TagList { { QueueTag, kv.Key } })),
        unit: "{message}", description: "Messages in the error queue: failed after every retry and redelivery, waiting for a re-drive");

    public static void RecordErrorQueueDepth(string errorQueue, long depth) => ErrorQueueDepths[errorQueue] = depth;
}
