using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Billing.Apis;

namespace Platform.Billing.Tests;

/// <summary>The checks that answer before the database is asked (so none is needed here).</summary>
public sealed class BillingApiTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    public static TheoryData<Guid?> OtherCallers => new() { null, Guid.NewGuid() };

    [Theory]
    [MemberData(nameof(OtherCallers))]
    public async Task Usage_is_shown_only_to_the_tenant_named_in_the_header(Guid? caller)
    {
        var result = await UsageApi.GetUsage(Tenant, caller, db: null!, CancellationToken.None);
        Assert.Equal(403, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    [Theory]
    [MemberData(nameof(OtherCallers))]
    public async Task A_usage_series_is_shown_only_to_the_tenant_named_in_the_header(Guid? caller)
    {
        var result = await UsageApi.GetUsageSeries(Tenant, null, null, null, caller, db: null!, TimeProvider.System, CancellationToken.None);
        Assert.Equal(403, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    [Theory]
    [InlineData("fortnight", null, null, "bucket")]
    [InlineData("hour", "last tuesday", null, "from")]
    [InlineData("hour", null, "now", "to")]
    [InlineData("hour", "2026-11-25T00:00:00Z", "2026-11-24T00:00:00Z", "from")]
    [InlineData("minute", "2026-11-01T00:00:00Z", "2026-11-24T00:00:00Z", "from")]
    public async Task A_usage_series_request_that_cannot_be_answered_is_refused_naming_the_field(
        string? bucket, string? from, string? to, string field)
    {
        var result = await UsageApi.GetUsageSeries(Tenant, bucket, from, to, Tenant, db: null!, TimeProvider.System, CancellationToken.None);
        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal(field, problem.ProblemDetails.Extensions["field"]);
    }

    [Theory]
    [MemberData(nameof(OtherCallers))]
    public async Task An_invoice_is_shown_only_to_the_tenant_named_in_the_header(Guid? caller)
    {
        var result = await InvoicesApi.PreviewInvoice(Tenant, null, caller, db: null!, TimeProvider.System, CancellationToken.None);
        Assert.Equal(403, Assert.IsType<ProblemHttpResult>(result.Result).StatusCode);
    }

    [Fact]
    public async Task An_invoice_period_that_is_not_a_month_is_refused_naming_the_field()
    {
        var result = await InvoicesApi.PreviewInvoice(Tenant, "November", Tenant, db: null!, TimeProvider.System, CancellationToken.None);
        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("period", problem.ProblemDetails.Extensions["field"]);
    }
}
