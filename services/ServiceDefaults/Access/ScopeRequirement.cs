using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Access;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// The caller's token carries <see cref="Scope"/>. Tenant scopes also need the token's tenant: a
/// credential that names no organization (the operator's) can never reach an organization's data.
/// </summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var user = context.User;
        var tenantBound = PlatformScopes.Tenant.Contains(requirement.Scope) || PlatformScopes.ApiKey.Contains(requirement.Scope);
        if (user.HasScope(requirement.Scope) && (!tenantBound || user.TenantId() is not null)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public override string ToString() => $"the scope {Scope}";
}
