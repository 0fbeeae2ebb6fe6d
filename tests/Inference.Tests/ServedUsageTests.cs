using Platform.Contracts.Billing;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;

namespace Platform.Inference.Tests;

public sealed class ServedUsageTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();

    private static UsageRecord Usage(string deployment, int predictions, DateTimeOffset at, Guid? tenant = null) =>
        UsageRecord.For(KeyFixtures.Credentials(tenant ?? Tenant, deployment, ApiKeys.Create()), Guid.NewGuid(), predictions, at);

    [Fact]
    public void Served_usage_is_summed_per_deployment_and_hour_inside_the_window_in_a_stable_order()
    {
        var window = new ReconciliationWindow(Ten, Ten.AddHours(1).AddMinutes(40));
        UsageRecord[] served =
        [
            Usage("credit", 3, Ten), Usage("credit", 1, Ten.AddMinutes(59)), Usage("churn", 2, Ten.AddMinutes(1)),
            Usage("credit", 5, Ten.AddHours(1)), Usage("credit", 100, window.Until), Usage("credit", 1_000, Ten.AddSeconds(-1)),
            Usage("credit", 10_000, Ten.AddMinutes(2), tenant: Guid.NewGuid()),
        ];

        var hours = served.AsQueryable().PerDeploymentHour(Tenant, window).ToList().ToServedHours(window);

        Assert.Equal(
            [new ServedHour("churn", Ten, 1, 2), new ServedHour("credit", Ten, 2, 4), new ServedHour("credit", Ten.AddHours(1), 1, 5)],
            hours);
    }
}
