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
    public string? LastError { get; set; }

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

    public (object Message, Type Type) Deserialize()
    {
        var type = Type.GetType(MessageType, throwOnError: true)!;
        return (JsonSerializer.Deserialize(Payload, type, Json)!, type);
    }
}
