using MudBlazor.Services;
using Platform.Contracts;
using Platform.Portal.Infrastructure;
using Platform.Portal.Services;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Portal.Extensions;

public static class PortalExtensions
{
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PortalDbContext>(ResourceNames.Portal);
        builder.AddServiceMessaging(ResourceNames.Portal);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        // Service discovery resolves these names to the services the AppHost references.
        builder.Services.AddHttpClient<RegistryClient>(c => c.BaseAddress = new Uri($"http://{ResourceNames.Registry}"));
        return builder;
    }
}
