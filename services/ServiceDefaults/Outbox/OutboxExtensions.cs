using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Outbox;

internal static class OutboxExtensions
{
    public static void AddOutbox<TContext>(this IHostApplicationBuilder builder) where TContext : ServiceDbContext
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox");
    }
}
