using Platform.Contracts;
using Platform.Portal.Infrastructure;
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
        return builder;
    }
}
