using System.Collections.Concurrent;
using Platform.Contracts;

namespace Platform.Portal.Live;

/// <summary>
/// The services' events, fanned out to the open pages of the tenant they concern: a page subscribes
/// for its user's tenant and never sees another tenant's events. Handlers run on the consumer's
/// thread; pages marshal to their renderer themselves.
/// </summary>
public sealed partial class DeploymentEvents(ILogger<DeploymentEvents> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableHandlers> _byTenant = new();

    public IDisposable Subscribe(Guid tenantId, Func<IPlatformMessage, Task> handler)
    {
        _byTenant.AddOrUpdate(tenantId, _ => new([handler]), (_, existing) => new([.. existing.Handlers, handler]));
        return new Subscription(() => _byTenant.AddOrUpdate(tenantId, _ => new([]), (_, existing) => new([.. existing.Handlers.Where(h => h != handler)])));
    }

    public async Task PublishAsync(IPlatformMessage message)
    {
        if (!_byTenant.TryGetValue(message.TenantId, out var subscribers)) return;
        foreach (var handler in subscribers.Handlers)
        {
            try
            {
                await handler(message);
            }
            catch (Exception ex)
            {
                // One broken page must not keep the event from the others, nor fail the message.
                LogHandlerFailed(ex, message.GetType().Name);
            }
        }
    }

    private sealed record ImmutableHandlers(Func<IPlatformMessage, Task>[] Handlers);

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) unsubscribe();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page failed to take a {MessageType} event")]
    private partial void LogHandlerFailed(Exception exception, string messageType);
}
