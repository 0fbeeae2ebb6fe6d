using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.ServiceDefaults.Messaging.Redelivery;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Inbox;

/// <summary>
/// An idempotent consumer: the message id is recorded in the inbox in the same transaction as the
/// handler's effect and the events it publishes (outbox). A redelivered message finds its id and
/// changes nothing; a concurrent duplicate waits on the key's lock, then finds it. Nothing is acked
/// before the commit, and an exception rolls everything back for MassTransit to retry.
/// </summary>
public abstract partial class InboxConsumer<TMessage, TContext> : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected InboxConsumer(TContext db) => Db = db;

    protected TContext Db { get; }

    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new PermanentMessageException($"{typeof(TMessage).Name} arrived without a message id; it cannot be deduplicated.");
        var consumer = GetType().Name;
        var ct = context.CancellationToken;

        await using var tx = await Db.Database.BeginTransactionAsync(ct);
        // A failure anywhere rolls the whole transaction back, so a savepoint around each SaveChanges
        // guards nothing and costs its round trips on every message.
        Db.Database.AutoSavepointsEnabled = false;
        try
        {
            var claimed = await Db.Database.ExecuteSqlAsync(
                $"""INSERT INTO inbox_messages ("MessageId", "Consumer", "ProcessedAt") VALUES ({messageId}, {consumer}, now()) ON CONFLICT DO NOTHING""", ct);
            if (claimed == 0)
            {
                Logger(context).LogDuplicate(typeof(TMessage).Name, messageId, consumer);
                return;
            }

            await HandleAsync(context.Message, context);
            await Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            Db.ChangeTracker.Clear(); // a retry must not see this attempt's half-tracked entities
            throw;
        }

        Db.SignalOutbox();
    }

    private static ILogger Logger(ConsumeContext context) =>
        context.TryGetPayload<IServiceProvider>(out var services)
            ? services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Inbox")
            : NullLogger.Instance;
}

internal static partial class InboxLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageType} {MessageId} was already applied by {Consumer}; ignored")]
    public static partial void LogDuplicate(this ILogger logger, string messageType, Guid messageId, string consumer);
}
