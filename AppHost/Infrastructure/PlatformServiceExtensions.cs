using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Infrastructure;

public static class PlatformServiceExtensions
{
    /// <summary>
    /// A platform host: its own database, the broker, the shared artifact folder and the paths of its keys, an HTTP endpoint
    /// (on a free port unless one is given), the platform-wide settings given to the AppHost
    /// (<see cref="ForwardedSettings"/>), and <c>/health</c> (database and broker) as its readiness.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, string name, PlatformServers servers, PlatformSettings settings, int? port = null)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithPlatformHttpEndpoint(settings, port)
            .WithReference(servers.Database(name))
            .WithReference(servers.Messaging)
            .WithEnvironment("Artifacts__Root", settings.ArtifactsDirectory)
            .WithEnvironment("Artifacts__KeysRoot", settings.ArtifactEncryption.TenantKeysDirectory)
            .WithEnvironment("Artifacts__MasterKeyFile", settings.ArtifactEncryption.MasterKeyFile)
            .WithHttpHealthCheck("/health");
        foreach (var (variable, value) in ForwardedSettings.From(builder.Configuration))
            service.WithEnvironment(variable, value);

        if (servers.CanWaitFor)
        {
            service.WaitFor(servers.Postgres).WaitFor(servers.Messaging);
        }
        // A service's own settings from the AppHost's configuration: --Platform:Services:registry:Runs:CheckInterval=00:00:05
        // reaches the registry as Runs:CheckInterval, so a test or an operator tunes a service without editing it.
        foreach (var (key, value) in ServiceConfiguration.For(builder.Configuration, name))
        {
            service.WithEnvironment(key, value);
        }
        return service;
    }

    /// <summary>
    /// A host that runs once listens on its own port, chosen here, with nothing in between. Replicas
    /// share one address: DCP's proxy, which spreads connections over them. The proxy costs a hop on
    /// every request (measured at 64 connections on predict: 4,330 req/s direct against 3,350 through
    /// it, ADR 36), and a port chosen here stays the host's own when it restarts, as the proxy's did.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlatformHttpEndpoint(
        this IResourceBuilder<ProjectResource> host, PlatformSettings settings, int? port = null)
    {
        var replicas = settings.Replicas.GetValueOrDefault(host.Resource.Name, 1);
        return replicas == 1
            ? host.WithHttpEndpoint(port: port ?? PlatformSettings.FreePort(), isProxied: false)
            : host.WithHttpEndpoint(port: port).WithReplicas(replicas);
    }
}
