using System.Diagnostics;
using System.Text.Json;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Outbox;

/// <summary>
/// An event committed with the state change that caused it, waiting to be published.
/// Its <see cref="Id"/> becomes the message id on the wire, which consumers' inboxes deduplicate on.
/// </summary>
public sealed class OutboxMessage
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid Id { get; private set; }
    public long Sequence { get; private set; }
    public required string MessageType { get; init; }
    public required string Payload { get; init; }
    public Guid? CorrelationId { get; init; }
    /// <summary>W3C traceparent of the unit of work that wrote it, so the publish joins that trace.</summary>
    public string? TraceParent { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Why the last attempt failed; for a quarantined row, why it can never be published as it stands.</summary>
    public string? LastError { get; set; }
    /// <summary>
    /// Set when the row can never be published as it stands (see <see cref="OutboxFailures"/>): the
    /// dispatcher passes over it until an operator releases it.
    /// </summary>
    public DateTimeOffset? QuarantinedAt { get; set; }

    public static OutboxMessage Create<TMessage>(TMessage message) where TMessage : class
    {
        var type = message.GetType();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Payload = JsonSerializer.Serialize(message, type, Json),
            CorrelationId = (message as IPlatformMessage)?.CorrelationId,
            TraceParent = Activity.Current?.Id,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>
    /// The message this row holds. Throws <see cref="UnreadableOutboxMessageException"/>, naming
    /// what is wrong, when this build cannot make one from it: nothing but the row's own content is
    /// involved here, so the same row fails the same way on every attempt.
    /// </summary>
    public (object Message, Type Type) Deserialize()
    {
        Type? type;
        try
        {
            type = Type.GetType(MessageType, throwOnError: false);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or BadImageFormatException or TypeLoadException)
        {
            throw new UnreadableOutboxMessageException($"the message type '{MessageType}' cannot be loaded: {ex.Message}", ex);
        }
        if (type is null) throw new UnreadableOutboxMessageException($"the message type '{MessageType}' is unknown to this build");

        object? message;
        try
        {
            message = JsonSerializer.Deserialize(Payload, type, Json);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new UnreadableOutboxMessageException($"the payload is not a {type.Name}: {ex.Message}", ex);
        }
        return (message ?? throw new UnreadableOutboxMessageException($"the payload of the {type.Name} is null"), type);
    }

    public void Quarantine(string reason, DateTimeOffset now)
    {
        Attempts++;
        LastError = Truncate(reason);
        QuarantinedAt = now;
    }

    public void RecordFailure(string error)
    {
        Attempts++;
        LastError = Truncate(error);
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}
