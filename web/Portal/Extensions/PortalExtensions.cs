using MudBlazor.Services;
using Platform.Contracts;
using Platform.Portal.Infrastructure;
using Platform.Portal.Live;
using Platform.Portal.Services;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Portal.Extensions;

public static class PortalExtensions
{
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PortalDbContext>(ResourceNames.Portal);
        builder.AddServiceMessaging(ResourceNames.Portal, bus => bus.AddLiveUpdates());
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section);

        // Service discovery resolves these names to the services the AppHost references.
        builder.Services.AddHttpClient<RegistryClient>(c => c.BaseAddress = ServiceAddress(ResourceNames.Registry));
        builder.Services.AddHttpClient<BillingClient>(c => c.BaseAddress = ServiceAddress(ResourceNames.Billing));
        builder.Services.AddHttpClient<InferenceClient>(c => c.BaseAddress = PublicAddress(builder.Configuration, ResourceNames.Inference));
        // An upload is a stream: it cannot be replayed by a retry, and a large one outlasts the default attempt timeout.
#pragma warning disable EXTEXP0001 // evaluation API; the alternative is a second, hand-built HttpClient pipeline
        builder.Services.AddHttpClient<IngestionClient>(c =>
        {
            c.BaseAddress = ServiceAddress(ResourceNames.Ingestion);
            c.Timeout = TimeSpan.FromMinutes(10);
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        builder.Services.AddScoped<SignedInTenant>();
        builder.Services.AddScoped<UserAccessToken>();
        builder.Services.AddSingleton<PortalServiceToken>();
        builder.Services.AddScoped<RevealedApiKeys>();
        builder.Services.AddSingleton<SampleDatasets>();
        builder.Services.AddSingleton<DeploymentEvents>();
        return builder;
    }

    private static Uri ServiceAddress(string service) => new($"http://{service}");

    /// <summary>
    /// The address a customer calls, shown on the deployment page and used by try-it: the platform's
    /// public entry (the gateway) when the AppHost gave one, else the service as the portal reaches it.
    /// </summary>
    private static Uri PublicAddress(IConfiguration configuration, string service) =>
        configuration["Portal:PublicApi"] is { Length: > 0 } gateway ? new Uri(gateway)
        : configuration[$"services:{service}:http:0"] is { Length: > 0 } url ? new Uri(url) : ServiceAddress(service);
}
