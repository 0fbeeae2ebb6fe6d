using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Local;

public static class LocalServerExtensions
{
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, PlatformSettings settings, LocalSecrets secrets)
    {
        var (password, passwordFile) = builder.AddServerPassword(name, secrets);
        var postgres = new LocalPostgresResource(name, settings.DataDirectory, password);
        return builder.AddResource(postgres)
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(Script(settings, "postgres.sh"));
                context.Args.Add(Path.Combine(settings.DataDirectory, "postgres"));
                context.Args.Add(postgres.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add(passwordFile);
            })
            .WithReadinessCheck(builder, new ConnectionReadinessCheck(postgres, ConnectionReadinessCheck.Postgres));
    }

    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, PlatformSettings settings, LocalSecrets secrets)
    {
        var (password, passwordFile) = builder.AddServerPassword(name, secrets);
        var rabbit = new LocalRabbitMqResource(name, settings.DataDirectory, password);
        return builder.AddResource(rabbit)
            .WithEndpoint(name: LocalRabbitMqResource.AmqpEndpoint, scheme: "tcp", isProxied: false)
            .WithEndpoint(name: LocalRabbitMqResource.DistributionEndpoint, scheme: "tcp", isProxied: false)
            .WithEndpoint(name: LocalRabbitMqResource.EpmdEndpoint, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(Script(settings, "rabbitmq.sh"));
                context.Args.Add(Path.Combine(settings.DataDirectory, "rabbitmq"));
                context.Args.Add(rabbit.Amqp.Property(EndpointProperty.TargetPort));
                context.Args.Add(rabbit.GetEndpoint(LocalRabbitMqResource.DistributionEndpoint).Property(EndpointProperty.TargetPort));
                context.Args.Add(rabbit.GetEndpoint(LocalRabbitMqResource.EpmdEndpoint).Property(EndpointProperty.TargetPort));
                context.Args.Add(LocalRabbitMqResource.User);
                context.Args.Add(passwordFile);
            })
            .WithReadinessCheck(builder, new ConnectionReadinessCheck(rabbit, ConnectionReadinessCheck.RabbitMq));
    }

    /// <summary>
    /// The server's password as a secret parameter (for connection strings) and the file holding it
    /// (for the script that configures the server): one name, so the two cannot disagree.
    /// </summary>
    private static (ParameterResource Password, string File) AddServerPassword(
        this IDistributedApplicationBuilder builder, string server, LocalSecrets secrets)
    {
        var secretName = $"{server}-password";
        var password = builder.AddParameter(secretName, secrets.GetOrCreate(secretName), secret: true);
        return (password.Resource, secrets.PathOf(secretName));
    }

    private static string Script(PlatformSettings settings, string name) =>
        Path.Combine(settings.RepositoryRoot, "infra", "local", name);

    /// <summary>Running is not ready: a server is ready when a client can connect and talk to it.</summary>
    private static IResourceBuilder<T> WithReadinessCheck<T>(
        this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder, IHealthCheck check) where T : IResource
    {
        var key = $"{resource.Resource.Name}-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => check, failureStatus: null, tags: null));
        return resource.WithHealthCheck(key);
    }
}
