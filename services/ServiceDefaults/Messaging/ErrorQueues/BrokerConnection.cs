using RabbitMQ.Client;

namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

/// <summary>
/// This replica's own AMQP connection for reading and re-driving error queues, apart from
/// MassTransit's: an operator's request never shares a channel with consumers (a refused command
/// closes its channel). Opened on first use and again whenever it was lost.
/// </summary>
internal sealed class BrokerConnection(string connectionString, string service) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<IChannel> OpenChannelAsync(bool confirmPublishes, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: confirmPublishes, publisherConfirmationTrackingEnabled: confirmPublishes), ct);
    }

    private async Task<IConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is { IsOpen: true } open) return open;
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is { IsOpen: true } opened) return opened;
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            var factory = new ConnectionFactory
            {
                Uri = new Uri(connectionString),
                ClientProvidedName = $"{service} error queues",
                // Reconnected here on next use instead: a request should fail fast, not wait for a recovery loop.
                AutomaticRecoveryEnabled = false,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            };
            return _connection = await factory.CreateConnectionAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
