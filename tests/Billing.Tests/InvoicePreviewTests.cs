using Platform.Billing.Domain;
using Platform.Contracts.Inference;

namespace Platform.Billing.Tests;

public sealed class InvoicePreviewTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid V1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid V2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly BillingPeriod November = BillingPeriod.Month(2026, 11);

    private static UsageRecord Usage(string deployment, Guid version, long predictions, DateTimeOffset windowStart, Guid? tenant = null) =>
        UsageRecord.From(
            new PredictionsServed(tenant ?? Tenant, Guid.NewGuid(), Guid.NewGuid(), deployment, version, predictions, windowStart, windowStart),
            windowStart);

    private static InvoicePreview Preview(Plan plan, BillingPeriod period, params UsageRecord[] ledger) =>
        InvoicePreview.Build(Tenant, plan, period,
            ledger.AsQueryable().InPeriod(Tenant, period).TotalsByDeploymentAndVersion().ToList());

    [Fact]
    public void Usage_is_grouped_into_one_line_per_deployment_and_model_version()
    {
        var day = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
        var invoice = Preview(Plans.Starter, November,
            Usage("credit-risk", V1, 200, day),
            Usage("credit-risk", V1, 100, day.AddHours(1)),
            Usage("credit-risk", V2, 10, day.AddDays(1)),
            Usage("churn", V1, 1000, day));

        Assert.Collection(invoice.Lines,
            l => Assert.Equal(new InvoiceLine("churn", V1, 1000, 0.50m, 0.50m), l),
            l => Assert.Equal(new InvoiceLine("credit-risk", V1, 300, 0.50m, 0.15m), l),
            l => Assert.Equal(new InvoiceLine("credit-risk", V2, 10, 0.50m, 0.01m), l)); // 0.005 rounds up
        Assert.Equal(1310, invoice.Predictions);
        Assert.Equal(0.66m, invoice.Total);
        Assert.Equal(("starter", "USD"), (invoice.Plan, invoice.Currency));
        Assert.Equal((November.Start, November.End), (invoice.PeriodStart, invoice.PeriodEnd));
    }

    [Fact]
    public void The_plans_price_is_the_lines_unit_price()
    {
        var invoice = Preview(Plans.Growth, November, Usage("churn", V1, 1_234_567, November.Start));
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(0.35m, line.UnitPricePer1000);
        Assert.Equal(432.10m, line.Amount);
        Assert.Equal(432.10m, invoice.Total);
    }

    [Fact]
    public void Usage_from_the_first_instant_of_the_month_counts_and_from_the_first_instant_of_the_next_does_not()
    {
        var invoice = Preview(Plans.Starter, November,
            Usage("churn", V1, 1, November.Start),
            Usage("churn", V1, 2, November.End.AddTicks(-1)),
            Usage("churn", V1, 4, November.End),
            Usage("churn", V1, 8, November.Start.AddTicks(-1)));
        Assert.Equal(3, invoice.Predictions);
    }

    [Fact]
    public void Another_tenants_usage_never_appears_on_the_invoice()
    {
        var invoice = Preview(Plans.Starter, November,
            Usage("churn", V1, 5, November.Start),
            Usage("churn", V1, 500, November.Start, tenant: Guid.NewGuid()));
        Assert.Equal(5, Assert.Single(invoice.Lines).Predictions);
    }

    [Fact]
    public void A_month_without_usage_has_no_lines_and_costs_nothing()
    {
        var invoice = Preview(Plans.Starter, November);
        Assert.Empty(invoice.Lines);
        Assert.Equal(0, invoice.Predictions);
        Assert.Equal(0m, invoice.Total);
    }
}
