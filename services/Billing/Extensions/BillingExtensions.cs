using Platform.Billing.Consumers;
using Platform.Billing.Infrastructure;
using Platform.Contracts;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Billing.Extensions;

public static class BillingExtensions
{
    public static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<BillingDbContext>(ResourceNames.Billing);
        builder.AddServiceMessaging(ResourceNames.Billing, bus => bus.AddConsumer<PredictionsServedConsumer>());
        return builder;
    }
}
