using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Platform.Contracts.Api;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Messaging.ErrorQueues;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Persistence;
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
            // A POST is not idempotent: retried after a lost answer it would deploy twice and lose the
            // only copy of the first API key. Only safe methods are retried.
            http.AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails();
        // Every service publishes its OpenAPI document (/openapi/v1.json); the gateway's reference shows them all.
        builder.Services.AddOpenApi(options => OpenApiSecurity.Configure(options, builder.Configuration));
        // Enums travel by name ("Numeric", not 2): clients should not depend on declaration order.
        // The same options as the portal reads with (ApiJson).
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Health endpoints, error handling, the tenant directory and the error-queue API every service shares.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Inside the two above: a body over its endpoint's limit is answered before either sees a bare 413.
        app.UseMiddleware<BodyLimitMiddleware>();
        app.MapHealthEndpoints();
        // Documentation holds no organization's data: anyone may read how to call the service.
        app.MapOpenApi().AllowAnonymous();
        // A host with a database keeps a tenant directory and an outbox (the gateway has neither).
        var registered = app.Services.GetService<IServiceProviderIsService>();
        if (registered?.IsService(typeof(ServiceDbContext)) == true)
        {
            app.MapTenantsApi();
            app.MapOutboxAdminApi();
        }
        // A host that consumes messages lets the operator see and re-drive its error queues.
        if (registered?.IsService(typeof(ServiceQueues)) == true) app.MapErrorQueuesApi();
        return app;
    }
}
