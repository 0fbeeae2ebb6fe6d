using MassTransit;

namespace Platform.SystemTests;

/// <summary>
/// A MassTransit bus of the test's own on the platform's broker: it plays another service, so a
/// test can deliver exactly the messages it needs (duplicates, poison) to a real consumer.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private TestBus(IBusControl bus) => _bus = bus;

    public static async Task<TestBus> StartAsync(string amqpConnectionString)
    {
        var uri = new Uri(amqpConnectionString);
        var credentials = uri.UserInfo.Split(':', 2);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(uri.Host, (ushort)uri.Port, "/", h =>
        {
            h.Username(Uri.UnescapeDataString(credentials[0]));
            h.Password(Uri.UnescapeDataString(credentials[1]));
        }));
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return new TestBus(bus);
    }

    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        _bus.Publish(message, context => context.MessageId = messageId);

    /// <summary>
    /// The first <typeparamref name="T"/> published from now on that matches, and when it arrived
    /// (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), heard on a temporary queue of the
    /// test's own as a replica hears it.
    /// </summary>
    public async Task<Task<(T Message, long ReceivedAt)>> SubscribeAsync<T>(Func<T, bool> match) where T : class
    {
        var received = new TaskCompletionSource<(T, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var endpoint = _bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), DefaultEndpointNameFormatter.Instance, e =>
            e.Handler<T>(context =>
            {
                if (match(context.Message)) received.TrySetResult((context.Message, System.Diagnostics.Stopwatch.GetTimestamp()));
                return Task.CompletedTask;
            }));
        await endpoint.Ready;
        return received.Task;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
