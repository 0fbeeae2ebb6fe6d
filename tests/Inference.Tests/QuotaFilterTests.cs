using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Billing;
using Platform.Contracts.Registry;
using Platform.Inference.Apis;
using Platform.Inference.Domain;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Tests;

/// <summary>The 429 a tenant over its cap gets on predict and infer, decided from memory before the endpoint runs.</summary>
public sealed class QuotaFilterTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 31, 23, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Resets = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task<(object? Result, HttpContext Http, bool Ran)> InvokeAsync(TenantQuotas quotas)
    {
        var http = new DefaultHttpContext();
        var credentials = KeyFixtures.Credentials(Tenant, "risk", ApiKeys.Create());
        http.Features.Set(new DeploymentCaller(credentials, credentials.Keys[0].Id));
        var ran = false;
        var result = await new QuotaFilter(quotas, new FixedClock(Now)).InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http), _ => { ran = true; return ValueTask.FromResult<object?>("scored"); });
        return (result, http, ran);
    }

    [Fact]
    public async Task A_tenant_over_its_cap_gets_429_with_retry_after_naming_the_quota_limit_reason_and_reset()
    {
        var quotas = new TenantQuotas();
        quotas.Apply(QuotaState.From(
            new QuotaExceeded(Tenant, Guid.NewGuid(), "1,000 predictions this month reached the 'trial' plan's hard cap of 1,000", "hardCapMonthlyPredictions", 1_000, 1_000, Resets.AddMonths(-1), Resets, Now),
            Guid.CreateVersion7(Now)));

        var (result, http, ran) = await InvokeAsync(quotas);

        Assert.False(ran);
        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(429, problem.StatusCode);
        Assert.Equal("60", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal("quota", problem.ProblemDetails.Extensions["field"]);
        Assert.Equal(new ServiceLimit("hardCapMonthlyPredictions", 1_000), problem.ProblemDetails.Extensions["limit"]);
        Assert.Contains("hard cap of 1,000", (string)problem.ProblemDetails.Extensions["reason"]!);
        Assert.Equal(Resets, problem.ProblemDetails.Extensions["resetsAt"]);
    }

    [Fact]
    public async Task A_tenant_within_its_quota_is_served()
    {
        var (result, http, ran) = await InvokeAsync(new TenantQuotas());
        Assert.True(ran);
        Assert.Equal("scored", result);
        Assert.Equal(0, http.Response.Headers.RetryAfter.Count);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
