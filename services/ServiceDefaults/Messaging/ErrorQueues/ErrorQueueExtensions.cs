using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

internal static class ErrorQueueExtensions
{
    /// <summary>The broker access behind the operator's error-queue API and the depth metric.</summary>
    public static void AddErrorQueues(this IHostApplicationBuilder builder, string connectionString, string service)
    {
        builder.Services.AddSingleton(_ => new BrokerConnection(connectionString, service));
        builder.Services.AddSingleton<ErrorQueueBroker>();
        builder.Services.AddHostedService<ErrorQueueDepthPoller>();
    }
}
