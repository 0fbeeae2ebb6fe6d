namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// <c>Messaging:Redelivery</c>: after its immediate retries, a message that failed for a reason that
/// may pass (a database or another server away) waits in the broker and is delivered again after
/// each of <see cref="Intervals"/> in turn; only then does it go to the <c>_error</c> queue.
/// </summary>
public sealed class RedeliverySettings
{
    /// <summary>Minutes, not seconds: long enough for a database restart or a failover.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultIntervals =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    /// <summary>The longest wait allowed: a day (RabbitMQ's TTL would allow 49 days; nobody should wait that long for a message).</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>Pauses before each redelivery; unset means <see cref="DefaultIntervals"/>.</summary>
    public TimeSpan[]? Intervals { get; set; }

    /// <summary>
    /// Per queue (<c>Messaging:Redelivery:Queues:billing-predictions-served:Intervals:0=00:01:00</c>): a
    /// consumer whose work is long or whose failures clear slowly gets its own pauses, or none.
    /// </summary>
    public Dictionary<string, QueueRedeliverySettings> Queues { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One queue's redelivery: its own pauses (else the service's), or <see cref="Enabled"/> false for none.</summary>
public sealed class QueueRedeliverySettings
{
    public bool Enabled { get; set; } = true;

    public TimeSpan[]? Intervals { get; set; }
}
