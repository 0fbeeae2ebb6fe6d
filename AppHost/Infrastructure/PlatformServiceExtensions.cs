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
            .WithHttpEndpoint(port: port)
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
        if (settings.Replicas.TryGetValue(name, out var replicas))
        {
            service.WithReplicas(replicas);
        }
        return service;
    }
}
