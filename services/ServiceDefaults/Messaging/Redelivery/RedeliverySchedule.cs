using System.Globalization;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// When a queue's failed messages are delivered again: the pause before each redelivery, and the
/// delay queue that holds a message during each pause (<c>{queue}_redelivery_{pause}</c>, one per
/// distinct pause: every message in it waits as long, so the broker expires them in arrival order).
/// </summary>
public sealed record RedeliverySchedule(string Queue, IReadOnlyList<TimeSpan> Intervals)
{
    public const string DelayQueueInfix = "_redelivery_";

    public bool Enabled => Intervals.Count > 0;

    /// <summary>The distinct pauses, shortest first: one delay queue each.</summary>
    public IReadOnlyList<TimeSpan> Levels => Intervals.Distinct().Order().ToArray();

    /// <summary>
    /// The schedule of <paramref name="queue"/>: none for a temporary queue (it holds a replica's
    /// in-memory view and goes with it), the queue's own settings if it has them, else the service's.
    /// </summary>
    public static RedeliverySchedule For(string queue, bool temporary, RedeliverySettings settings)
    {
        if (temporary) return new(queue, []);
        settings.Queues.TryGetValue(queue, out var own);
        if (own is { Enabled: false }) return new(queue, []);
        var intervals = own?.Intervals is { Length: > 0 } ownIntervals ? ownIntervals
            : settings.Intervals is { Length: > 0 } configured ? configured
            : RedeliverySettings.DefaultIntervals;
        return new(queue, intervals.ToArray());
    }

    /// <summary>The delay queue for a pause of <paramref name="delay"/>: the shortest level that waits at least as long, else the longest.</summary>
    public string DelayQueueFor(TimeSpan delay)
    {
        var levels = Levels;
        if (levels.Count == 0) throw new InvalidOperationException($"Queue {Queue} has no redelivery.");
        return DelayQueueName(Queue, levels.FirstOrDefault(level => level >= delay, levels[^1]));
    }

    public static string DelayQueueName(string queue, TimeSpan level) => $"{queue}{DelayQueueInfix}{Label(level)}";

    /// <summary>A pause as a person writes it: 30s, 2m, 1h, 1500ms.</summary>
    public static string Label(TimeSpan level)
    {
        var ms = (long)level.TotalMilliseconds;
        return ms switch
        {
            _ when ms % 3_600_000 == 0 => (ms / 3_600_000).ToString(CultureInfo.InvariantCulture) + "h",
            _ when ms % 60_000 == 0 => (ms / 60_000).ToString(CultureInfo.InvariantCulture) + "m",
            _ when ms % 1_000 == 0 => (ms / 1_000).ToString(CultureInfo.InvariantCulture) + "s",
            _ => ms.ToString(CultureInfo.InvariantCulture) + "ms",
        };
    }

    /// <summary>A pause RabbitMQ can hold a message for: whole milliseconds, more than zero, at most <see cref="RedeliverySettings.MaxInterval"/>.</summary>
    public static bool IsValidInterval(TimeSpan interval) =>
        interval > TimeSpan.Zero && interval <= RedeliverySettings.MaxInterval && interval.Ticks % TimeSpan.TicksPerMillisecond == 0;
}
