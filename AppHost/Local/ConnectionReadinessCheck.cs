using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace Platform.AppHost.Local;

/// <summary>Connects to a server with its own connection string and asks it something.</summary>
public sealed class ConnectionReadinessCheck(
    IResourceWithConnectionString server, Func<string, CancellationToken, Task> probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException("no connection string yet");
            await probe(connectionString, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    // No pooling: an idle pooled connection would hold postgres in its smart shutdown when DCP stops it.
    public static async Task Postgres(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(ct);
    }

    public static async Task RabbitMq(string connectionString, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
        await using var connection = await factory.CreateConnectionAsync("platform-apphost-readiness", ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
    }
}
