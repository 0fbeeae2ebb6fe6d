using System.Globalization;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Apis;

/// <summary>
/// Refuses the predictions of a tenant over its plan's hard cap, from the replica's memory (no
/// database read per request): 429 with <c>Retry-After</c> (seconds until the quota resets) and problem
/// details naming the quota, its limit, the reason and the reset time. Runs after the API key was
/// checked, before anything is read or scored.
/// </summary>
public sealed class QuotaFilter(TenantQuotas quotas, TimeProvider clock) : IEndpointFilter
{
    public const string Field = "quota";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<DeploymentCaller>() is not { } caller) return await next(context);
        var now = clock.GetUtcNow();
        if (quotas.Refusal(caller.Deployment.Key.TenantId, now) is not { } quota) return await next(context);

        var retryAfter = quota.ResetsAt is { } resets ? Math.Max(1, (long)Math.Ceiling((resets - now).TotalSeconds)) : 3600;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var problem = Problems.Limit(Field, quota.Reason, new ServiceLimit(quota.Quota, quota.Limit), statusCode: StatusCodes.Status429TooManyRequests);
        problem.ProblemDetails.Title = "Quota exceeded";
        problem.ProblemDetails.Extensions["used"] = quota.Used;
        problem.ProblemDetails.Extensions["resetsAt"] = quota.ResetsAt;
        // The Open Inference Protocol's clients read "error".
        problem.ProblemDetails.Extensions["error"] = problem.ProblemDetails.Detail;
        return problem;
    }
}

public static class QuotaFilterExtensions
{
    /// <summary>Refuses callers whose tenant is over its quota (429) before the endpoint runs.</summary>
    public static RouteHandlerBuilder RequireQuota(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter<QuotaFilter>();
}
