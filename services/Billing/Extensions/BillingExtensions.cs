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
        var usageGroup = builder.Configuration.GetSection(UsageGroupOptions.Section).Get<UsageGroupOptions>() ?? new();
        builder.AddServiceMessaging(ResourceNames.Billing, bus =>
        {
            // A group fills only from messages consumed at once: the queue hands over as many as a group holds.
            bus.AddConsumer<PredictionsServedConsumer>().Endpoint(e =>
            {
                e.PrefetchCount = Math.Max(usageGroup.MaxMessages, 1);
                e.ConcurrentMessageLimit = Math.Max(usageGroup.MaxMessages, 1);
            });
            bus.AddConsumer<ReconcileUsageConsumer>();
            // One part at a time per replica: parts of one reconciliation would otherwise conflict on its row.
            bus.AddConsumer<UsageResentConsumer>().Endpoint(e => e.ConcurrentMessageLimit = 1);
        });
        builder.Services.AddOptions<BillingOptions>()
            .BindConfiguration(BillingOptions.Section)
            .Validate(o => o.ReconciliationRetention > TimeSpan.Zero, "Billing:ReconciliationRetention must be positive")
            .Validate(o => o.RecentReconciliations > 0, "Billing:RecentReconciliations must be positive")
            .Validate(o => o.QuotaCheckInterval > TimeSpan.Zero, "Billing:QuotaCheckInterval must be positive")
            .Validate(o => o.UsageGroup.MaxMessages > 0, $"{UsageGroupOptions.Section}:MaxMessages must be positive")
            .Validate(o => o.UsageGroup.MaxDelay >= TimeSpan.Zero, $"{UsageGroupOptions.Section}:MaxDelay must not be negative")
            .ValidateOnStart();
        builder.Services.AddHostedService<QuotaPeriodRoll>();
        builder.Services.AddSingleton<UsageGroupCommit>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageGroupCommit>());
        return builder;
    }
}
