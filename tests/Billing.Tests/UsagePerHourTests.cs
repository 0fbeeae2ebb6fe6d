using Platform.Billing.Domain;
using Platform.Contracts.Inference;

namespace Platform.Billing.Tests;

public sealed class UsagePerHourTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset Ten = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static UsageRecord Usage(long predictions, DateTimeOffset at, string deployment = "credit", Guid? tenant = null) =>
        UsageRecord.From(new PredictionsServed(tenant ?? Tenant, Guid.NewGuid(), Guid.NewGuid(), deployment, Guid.NewGuid(), predictions, at, at), at);

    [Fact]
    public void The_ledger_is_counted_per_deployment_and_hour_of_the_window_start_up_to_until_excluded()
    {
        var until = Ten.AddHours(1).AddMinutes(40);
        UsageRecord[] ledger =
        [
            Usage(3, Ten), Usage(4, Ten.AddMinutes(59.99)), Usage(5, Ten.AddMinutes(30), "churn"),
            Usage(7, Ten.AddHours(1)), Usage(100, until), Usage(1_000, Ten.AddTicks(-1)), Usage(10_000, Ten.AddMinutes(5), tenant: Guid.NewGuid()),
        ];

        var hours = ledger.AsQueryable().PerDeploymentHour(Tenant, Ten, until).ToList().ToHourlyUsage(Ten)
            .OrderBy(h => h.HourStart).ThenBy(h => h.DeploymentName).ToArray();

        Assert.Equal(
            [new("churn", Ten, 1, 5), new("credit", Ten, 2, 7), new("credit", Ten.AddHours(1), 1, 7)],
            hours);
    }
}
