namespace Platform.ServiceDefaults.Outbox;

/// <summary>An outbox row this build cannot turn into a message: its type is unknown, or its payload does not fit the type.</summary>
public sealed class UnreadableOutboxMessageException(string reason, Exception? inner = null) : Exception(reason, inner);
