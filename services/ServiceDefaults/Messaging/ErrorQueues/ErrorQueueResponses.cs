namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

/// <summary>A service's durable queues and what waits in their error queues.</summary>
public sealed record ErrorQueuesResponse(string Service, IReadOnlyList<ErrorQueueReport> Queues);

/// <summary>
/// One queue's error queue: how many messages it holds, why the first of them failed (grouped, then
/// one by one), and the redelivery pauses each had before it was moved there.
/// </summary>
public sealed record ErrorQueueReport(
    string Queue, string ErrorQueue, long Messages, IReadOnlyList<string> RedeliveryIntervals,
    IReadOnlyList<FaultReason> Reasons, IReadOnlyList<FaultedMessage> Peeked);

/// <summary>How many of the peeked messages failed with this exception type.</summary>
public sealed record FaultReason(string ExceptionType, int Count, string Example);

/// <summary>A message in an error queue, as MassTransit's fault headers describe it.</summary>
public sealed record FaultedMessage(
    string? MessageId, string? CorrelationId, string? MessageType, string? ExceptionType, string? Reason,
    DateTimeOffset? FaultedAt, int Redeliveries, int Redrives);

/// <summary>What a re-drive moved back to the queue, and what is left in its error queue.</summary>
public sealed record RedriveResponse(string Queue, string ErrorQueue, int Moved, long Remaining);
