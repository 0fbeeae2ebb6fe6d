using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Billing.Apis;
using Platform.ServiceDefaults.Access;

namespace Platform.Billing.Tests;

/// <summary>
/// The checks that answer before the database is asked (so none is needed here). Whose usage is
/// read comes from the caller's token only: the cross-tenant system suite checks that.
/// </summary>
public sealed class BillingApiTests
{
    private static readonly CallerTenant Tenant = CallerTenant.Of(Guid.NewGuid());

    [Theory]
    [InlineData("fortnight", null, null, "bucket")]
    [InlineData("hour", "last tuesday", null, "from")]
    [InlineData("hour", null, "now", "to")]
    [InlineData("hour", "2026-11-25T00:00:00Z", "2026-11-24T00:00:00Z", "from")]
    [InlineData("minute", "2026-11-01T00:00:00Z", "2026-11-24T00:00:00Z", "from")]
    public async Task A_usage_series_request_that_cannot_be_answered_is_refused_naming_the_field(
        string? bucket, string? from, string? to, string field)
    {
        var result = await UsageApi.GetUsageSeries(bucket, from, to, Tenant, db: null!, TimeProvider.System, CancellationToken.None);
        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal(field, problem.ProblemDetails.Extensions["field"]);
    }

    [Fact]
    public async Task An_invoice_period_that_is_not_a_month_is_refused_naming_the_field()
    {
        var result = await InvoicesApi.PreviewInvoice("November", Tenant, db: null!, TimeProvider.System, CancellationToken.None);
        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("period", problem.ProblemDetails.Extensions["field"]);
    }
}
