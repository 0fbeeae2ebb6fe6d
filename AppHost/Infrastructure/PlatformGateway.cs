using Platform.Contracts;

namespace Platform.AppHost.Infrastructure;

public static class PlatformGateway
{
    /// <summary>
    /// The one public entry (YARP): every service's public API and the identity provider's endpoints
    /// behind one address, found by service discovery; it holds no data and waits for nobody.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformGateway(
        this IDistributedApplicationBuilder builder, PlatformSettings settings, params IResourceBuilder<ProjectResource>[] services)
    {
        var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway, launchProfileName: null)
            .WithPlatformHttpEndpoint(settings)
            .WithEnvironment("Identity__Issuer", settings.PortalUrl)
            .WithHttpHealthCheck("/health");
        foreach (var (variable, value) in ForwardedSettings.From(builder.Configuration)) gateway.WithEnvironment(variable, value);
        foreach (var service in services) gateway.WithReference(service);
        return gateway;
    }
}
