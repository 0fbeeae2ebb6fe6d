using Platform.AppHost.Local;
using Platform.Contracts;

namespace Platform.AppHost.Infrastructure;

/// <summary>The PostgreSQL server and the RabbitMQ broker, whichever mode provides them.</summary>
public sealed class PlatformServers(
    IResourceBuilder<IResourceWithConnectionString> postgres,
    IResourceBuilder<IResourceWithConnectionString> messaging,
    Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase,
    bool canWaitFor)
{
    private readonly Dictionary<string, IResourceBuilder<IResourceWithConnectionString>> _databases = [];

    public IResourceBuilder<IResourceWithConnectionString> Postgres => postgres;
    public IResourceBuilder<IResourceWithConnectionString> Messaging => messaging;
    /// <summary>Given connection strings have no lifecycle to wait for; servers we start do.</summary>
    public bool CanWaitFor => canWaitFor;

    public IResourceBuilder<IResourceWithConnectionString> Database(string service)
    {
        var name = ResourceNames.Database(service);
        if (!_databases.TryGetValue(name, out var database)) _databases[name] = database = addDatabase(name);
        return database;
    }
}

public static class PlatformServersExtensions
{
    public static PlatformServers AddPlatformServers(this IDistributedApplicationBuilder builder, PlatformSettings settings)
    {
        switch (settings.Mode)
        {
            case InfrastructureMode.External:
            {
                var postgres = builder.AddConnectionString(ResourceNames.Postgres);
                var messaging = builder.AddConnectionString(ResourceNames.Messaging);
                return new PlatformServers(postgres, messaging, name => builder.AddServerDatabase(name, postgres), canWaitFor: false);
            }
            case InfrastructureMode.Containers:
            {
                var postgres = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume("platform-postgres");
                var messaging = builder.AddRabbitMQ(ResourceNames.Messaging).WithDataVolume("platform-rabbitmq");
                return new PlatformServers(
                    postgres.ConvertTo(), messaging.ConvertTo(), name => postgres.AddDatabase(name).ConvertTo(), canWaitFor: true);
            }
            default:
            {
                var secrets = new LocalSecrets(settings.SecretsDirectory);
                var postgres = builder.AddLocalPostgres(ResourceNames.Postgres, settings, secrets);
                var messaging = builder.AddLocalRabbitMq(ResourceNames.Messaging, settings, secrets);
                return new PlatformServers(
                    postgres.ConvertTo(), messaging.ConvertTo(), name => builder.AddServerDatabase(name, postgres.ConvertTo()), canWaitFor: true);
            }
        }
    }

    private static IResourceBuilder<IResourceWithConnectionString> ConvertTo<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResourceWithConnectionString>(builder.Resource);
}
