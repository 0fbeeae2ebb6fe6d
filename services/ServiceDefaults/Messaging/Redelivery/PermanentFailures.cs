using System.Text.Json;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Failures that no retry can cure, because they come from the message and not from the moment:
/// they skip immediate retries and redeliveries alike. Everything else (a database, a broker, a
/// file share or another service away; a lost optimistic-concurrency race) may pass, and is retried.
/// MassTransit matches a type against the exception and against its innermost cause.
/// </summary>
public static class PermanentFailures
{
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(PermanentMessageException), // a domain's own refusal of the message (e.g. billing's invalid usage)
        typeof(ArgumentException),         // a value the code refuses, null or out of range included
        typeof(FormatException),           // text in the message that does not parse
        typeof(JsonException),             // JSON inside the message that does not read
    ];
}
