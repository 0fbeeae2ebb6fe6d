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

    /// <summary>
    /// Hands the event to each open page of its tenant without waiting for them: a page's own work
    /// (a refresh that calls the services) must not hold up the other pages, nor the consumer.
    /// </summary>
    public void Publish(IPlatformMessage message)
    {
        if (!_byTenant.TryGetValue(message.TenantId, out var subscribers)) return;
        foreach (var handler in subscribers.Handlers) _ = DeliverAsync(handler, message);
    }

    private async Task DeliverAsync(Func<IPlatformMessage, Task> handler, IPlatformMessage message)
    {
        try
        {
            await handler(message);
        }
        catch (Exception ex)
        {
            // A broken page must not take the event from the others.
            LogHandlerFailed(ex, message.GetType().Name);
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
