using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ: durable queues named <c>{service}-{consumer}</c> in kebab case (so two
    /// services consuming one event each get their own copy), publisher confirms, manual acks after
    /// the consumer returns, retries with back-off and then the <c>_error</c> queue (optimistic
/// concurrency conflicts get many quick retries first). Every service
    /// also consumes <see cref="Contracts.Tenants.TenantRegistered"/> into its tenant directory.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging(
        this IHostApplicationBuilder builder, string service, Action<IBusRegistrationConfigurator>? configure = null)
    {
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section);
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Messaging)
            ?? throw new InvalidOperationException($"Connection string '{ResourceNames.Messaging}' is not configured.");

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, includeNamespace: false));
            bus.AddConsumer<TenantRegisteredConsumer>();
            bus.AddConsumer<TenantPlanChangedConsumer>();
            bus.AddConsumer<CredentialRevokedConsumer>();
            // Each replica applies revocations in its own memory: its own temporary queue, gone with it.
            bus.AddConsumer<CredentialRevokedListener>().Endpoint(e =>
            {
                e.Name = $"{service}-revocations-{Guid.NewGuid():N}";
                e.Temporary = true;
            });
            configure?.Invoke(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.ConfigureBroker(new Uri(connectionString));
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                rabbit.UseMessageRetry(retry => retry.Intervals(options.RetryIntervals));
                // Two messages changing one row (a run's epochs and its outcome, arriving together after
                // an outage) lose to each other's row version: the loser only has to re-read, so it is
                // retried quickly and often rather than sent to the error queue after three tries.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Handle<DbUpdateConcurrencyException>();
                    retry.Incremental(options.ConcurrencyRetries, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50));
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>Aspire hands the broker over as <c>amqp://user:password@host:port[/vhost]</c>.</summary>
    internal static void ConfigureBroker(this IRabbitMqBusFactoryConfigurator rabbit, Uri uri)
    {
        var vhost = uri.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        var credentials = uri.UserInfo.Split(':', 2);
        rabbit.Host(uri.Host, (ushort)uri.Port, vhost, host =>
        {
            if (credentials[0].Length > 0) host.Username(Uri.UnescapeDataString(credentials[0]));
            if (credentials.Length > 1) host.Password(Uri.UnescapeDataString(credentials[1]));
            host.PublisherConfirmation = true;
        });
    }
}
