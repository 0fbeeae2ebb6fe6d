using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Telemetry;
using Platform.ServiceDefaults.Tenancy;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Platform host gets from one call: telemetry, health, service discovery with resilient
/// HTTP clients, and problem-details errors. Persistence and messaging are opted into with
/// <c>AddServiceDatabase</c> and <c>AddServiceMessaging</c>.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigurePlatformTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails();
        // Enums travel by name ("Numeric", not 2): clients should not depend on declaration order.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Health endpoints, error handling and the tenant directory every service shares.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        app.MapTenantsApi();
        return app;
    }
}
