namespace Platform.ServiceDefaults.Inbox;

/// <summary>A message a consumer has applied; stored in the same transaction as its effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }
    public required string Consumer { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}
