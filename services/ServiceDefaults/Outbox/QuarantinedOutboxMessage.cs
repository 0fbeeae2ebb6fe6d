namespace Platform.ServiceDefaults.Outbox;

/// <summary>A quarantined outbox row as an operator sees it: what it is, when it was written and why it cannot be published.</summary>
public sealed record QuarantinedOutboxMessage(
    Guid Id,
    long Sequence,
    string MessageType,
    Guid? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset QuarantinedAt,
    int Attempts,
    string? Error,
    string Payload);
