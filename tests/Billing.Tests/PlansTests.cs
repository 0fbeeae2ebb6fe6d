using Platform.Billing.Domain;

namespace Platform.Billing.Tests;

public sealed class PlansTests
{
    [Fact]
    public void The_seeded_plans_include_the_default_plan_priced_in_dollars()
    {
        var starter = Assert.Single(Plans.Seeded, p => p.Name == Plans.DefaultName);
        Assert.Equal("USD", starter.Currency);
        Assert.True(starter.PricePer1000 > 0);
        Assert.True(starter.IncludedMonthlyPredictions > 0);
        Assert.Contains(Plans.Seeded, p => p.Name == "growth");
    }

    [Theory]
    [InlineData("growth")]
    [InlineData("Growth")]
    [InlineData(" growth ")]
    public void A_tenants_plan_is_found_by_name(string name) =>
        Assert.Equal("growth", Plans.Resolve(name, Plans.Seeded).Name);

    [Theory]
    [InlineData("enterprise")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_plan_falls_back_to_the_default_plan(string? name) =>
        Assert.Equal(Plans.DefaultName, Plans.Resolve(name, Plans.Seeded).Name);

    [Fact]
    public void Without_a_default_plan_resolution_fails_loudly_rather_than_billing_nothing() =>
        Assert.Throws<InvalidOperationException>(() => Plans.Resolve("enterprise", [Plans.Growth]));
}
