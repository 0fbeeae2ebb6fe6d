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
        builder.AddServiceMessaging(ResourceNames.Billing, bus =>
        {
            bus.AddConsumer<PredictionsServedConsumer>();
            bus.AddConsumer<ReconcileUsageConsumer>();
            // One part at a time per replica: parts of one reconciliation would otherwise conflict on its row.
            bus.AddConsumer<UsageResentConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 1);
        });
        builder.Services.AddOptions<BillingOptions>()
            .BindConfiguration(BillingOptions.Section)
            .Validate(o => o.ReconciliationRetention > TimeSpan.Zero, "Billing:ReconciliationRetention must be positive")
            .Validate(o => o.RecentReconciliations > 0, "Billing:RecentReconciliations must be positive")
            .Validate(o => o.QuotaCheckInterval > TimeSpan.Zero, "Billing:QuotaCheckInterval must be positive")
            .ValidateOnStart();
        builder.Services.AddHostedService<QuotaPeriodRoll>();
        return builder;
    }
}
