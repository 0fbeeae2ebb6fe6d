using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Messaging.ErrorQueues;
using Platform.ServiceDefaults.Messaging.Redelivery;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ: durable queues named <c>{service}-{consumer}</c> in kebab case (so two
    /// services consuming one event each get their own copy), publisher confirms, manual acks after
    /// the consumer returns. A failing message is retried at once a few times, then redelivered
    /// through the broker minutes apart, and only then moved to the <c>_error</c> queue, which the
    /// operator lists and re-drives (<c>/api/admin/error-queues</c>; ADR 12). Every service also
    /// consumes <see cref="Contracts.Tenants.TenantRegistered"/> into its tenant directory.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging(
        this IHostApplicationBuilder builder, string service, Action<IBusRegistrationConfigurator>? configure = null)
    {
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        builder.Services.AddSingleton(new ServiceQueues(service));
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Messaging)
            ?? throw new InvalidOperationException($"Connection string '{ResourceNames.Messaging}' is not configured.");
        builder.AddErrorQueues(connectionString, service);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, includeNamespace: false));
            // MassTransit 8.4+ reports the bus's shape to its vendor after start: a platform sends nothing
            // out of the customer's network unasked (and here, with no route out, each service logged the failure).
            bus.DisableUsageTelemetry();
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
            bus.AddConfigureEndpointsCallback(ConfigureRetries);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.ConfigureBroker(new Uri(connectionString));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// Every endpoint, before its consumers: redelivery (durable queues only), then immediate retries,
    /// then quick retries of concurrency conflicts. Added in that order, MassTransit runs them
    /// outermost first, so each redelivery gets the immediate retries again.
    /// </summary>
    private static void ConfigureRetries(IRegistrationContext context, string queue, IReceiveEndpointConfigurator endpoint)
    {
        var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
        // Temporary endpoints (a replica's own queue) are declared auto-delete by their definition, before this runs.
        var temporary = endpoint is IRabbitMqReceiveEndpointConfiguration rabbit && rabbit.Settings.AutoDelete;
        var schedule = RedeliverySchedule.For(queue, temporary, options.Redelivery);
        context.GetRequiredService<ServiceQueues>().Add(new ServiceQueue(queue, temporary, schedule));

        if (schedule.Enabled && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
            rabbitEndpoint.UseDelayQueueRedelivery(schedule, retry => RetryPolicies.Redelivery(retry, schedule));
        endpoint.UseMessageRetry(retry => RetryPolicies.Immediate(retry, options.EffectiveRetryIntervals));
        endpoint.UseMessageRetry(retry => RetryPolicies.Concurrency(retry, options.ConcurrencyRetries));
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
