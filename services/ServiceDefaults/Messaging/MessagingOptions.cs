using Platform.ServiceDefaults.Messaging.ErrorQueues;
using Platform.ServiceDefaults.Messaging.Redelivery;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// How a failing message is retried: a few immediate retries in process (<see cref="RetryIntervals"/>),
/// then redeliveries through the broker minutes apart (<see cref="Redelivery"/>), then the
/// <c>_error</c> queue, which an operator re-drives (<see cref="ErrorQueues"/>; ADR 12).
/// </summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryIntervals =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>
    /// In-process retries of a failing message, with these pauses; unset means <see cref="DefaultRetryIntervals"/>.
    /// (No default in the property: configuration binding appends to an array that already has items.)
    /// </summary>
    public TimeSpan[]? RetryIntervals { get; set; }

    /// <summary>Quick retries of a message that lost an optimistic-concurrency race (20 ms more each time).</summary>
    public int ConcurrencyRetries { get; set; } = 20;

    public RedeliverySettings Redelivery { get; set; } = new();

    public ErrorQueueSettings ErrorQueues { get; set; } = new();

    public IReadOnlyList<TimeSpan> EffectiveRetryIntervals => RetryIntervals is { Length: > 0 } configured ? configured : DefaultRetryIntervals;
}
