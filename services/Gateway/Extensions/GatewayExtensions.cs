using Platform.Gateway.Domain;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Extensions;

public static class GatewayExtensions
{
    /// <summary>
    /// YARP routes from <see cref="PublicRoutes"/> to the services, found by service discovery (the
    /// AppHost's references); each service's OpenAPI document under <c>/openapi/{service}.json</c>.
    /// The gateway authenticates nothing itself: every service checks its callers' credentials.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var routes = PublicRoutes.All.Select(r => new RouteConfig
            {
                RouteId = r.Id,
                ClusterId = r.Service,
                Match = new RouteMatch { Path = r.Path },
            })
            .Concat(PublicRoutes.Documented.Select(service => new RouteConfig
            {
                RouteId = $"openapi-{service}",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/openapi/{service}.json" },
            }.WithTransformPathSet("/openapi/v1.json")))
            .ToArray();
        var clusters = PublicRoutes.All.Select(r => r.Service).Concat(PublicRoutes.Documented).Distinct()
            .Select(service => new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig> { [service] = new() { Address = $"http://{service}" } },
            })
            .ToArray();

        // Each service enforces its own body limits (a dataset upload may be gigabytes, a predict body
        // megabytes): the gateway streams bodies through rather than cutting them at Kestrel's 30 MB.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }
}
