using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Billing.Infrastructure;

/// <summary>Billing's instruments on the platform meter, named after OpenTelemetry's conventions.</summary>
public static class BillingTelemetry
{
    public static readonly Histogram<int> UsageGroupSize = PlatformTelemetry.Meter.CreateHistogram<int>(
        "platform.billing.usage.group_size", unit: "{message}", description: "Usage messages applied in one transaction (group commit)");
}
