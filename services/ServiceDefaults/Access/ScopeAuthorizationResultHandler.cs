using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Access;

/// <summary>A refused authorization names what the endpoint needs and what the credential holds.</summary>
internal sealed class ScopeAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var needed = result.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => r.Scope).ToArray() ?? [];
            if (needed.Length > 0)
            {
                var held = string.Join(" ", context.User.Scopes());
                var tenant = context.User.TenantId() is null ? " and names no organization" : "";
                await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                    $"This call needs the scope {string.Join(", ", needed)}; the credential holds '{held}'{tenant}.");
                return;
            }
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
