using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.UnitTests;

public sealed class AccessTests
{
    private static readonly DateTimeOffset RevokedAt = new(2026, 12, 2, 10, 0, 0, 500, TimeSpan.Zero);

    private static ClaimsPrincipal Caller(string scope, Guid? tenant = null) => new(new ClaimsIdentity(
        new[] { new Claim(PlatformClaims.Scope, scope), new Claim(PlatformClaims.Subject, "client-1") }
            .Concat(tenant is { } id ? [new Claim(PlatformClaims.TenantId, id.ToString())] : []), "test"));

    private static async Task<bool> AllowsAsync(string scope, ClaimsPrincipal user)
    {
        var requirement = new ScopeRequirement(scope);
        var context = new AuthorizationHandlerContext([requirement], user, null);
        await requirement.HandleAsync(context);
        return context.HasSucceeded;
    }

    [Fact]
    public async Task A_scope_is_granted_only_by_the_whole_word_and_a_tenant_scope_needs_the_tokens_organization()
    {
        var tenant = Guid.NewGuid();
        Assert.True(await AllowsAsync(PlatformScopes.DatasetsWrite, Caller("datasets:read datasets:write", tenant)));
        Assert.False(await AllowsAsync(PlatformScopes.DatasetsWrite, Caller("datasets:read datasets:writers", tenant)));
        Assert.False(await AllowsAsync(PlatformScopes.DatasetsWrite, Caller("datasets:read", tenant)));
        // The operator's scopes name no organization: a tenant scope in such a token opens nothing.
        Assert.False(await AllowsAsync(PlatformScopes.DatasetsWrite, Caller("datasets:write")));
        Assert.True(await AllowsAsync(PlatformScopes.OrganizationsWrite, Caller(PlatformScopes.OrganizationsWrite)));
    }

    [Fact]
    public void A_revocation_refuses_tokens_issued_before_it_to_the_millisecond_and_never_those_after()
    {
        var revoked = new RevokedCredentials();
        revoked.Revoke("member-1", RevokedAt);

        Assert.True(revoked.IsRevoked("member-1", RevokedAt.AddMilliseconds(-1)));
        Assert.False(revoked.IsRevoked("member-1", RevokedAt.AddMilliseconds(1)));
        Assert.False(revoked.IsRevoked("member-2", RevokedAt.AddDays(-1)));
    }

    [Fact]
    public void A_token_known_only_to_the_second_is_refused_within_the_revocations_own_second()
    {
        var revoked = new RevokedCredentials();
        revoked.Revoke("member-1", RevokedAt);

        Assert.True(revoked.IsRevokedSeconds("member-1", new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)));
        Assert.False(revoked.IsRevokedSeconds("member-1", new DateTimeOffset(2026, 12, 2, 10, 0, 1, TimeSpan.Zero)));
    }

    [Fact]
    public void The_latest_revocation_of_a_subject_stands_and_old_ones_are_forgotten()
    {
        var revoked = new RevokedCredentials();
        revoked.Revoke("client-1", RevokedAt);
        revoked.Revoke("client-1", RevokedAt.AddHours(-1)); // a redelivered older event

        Assert.True(revoked.IsRevoked("client-1", RevokedAt.AddMinutes(-30)));
        revoked.Forget(RevokedAt.AddDays(2));
        Assert.Equal(0, revoked.Count);
    }

    [Fact]
    public void Each_role_gets_its_scopes_and_a_viewer_none_that_writes()
    {
        Assert.Equal(PlatformScopes.Tenant, PlatformScopes.ForRole(PlatformRoles.Admin));
        Assert.DoesNotContain(PlatformScopes.OrganizationAdmin, PlatformScopes.ForRole(PlatformRoles.DataScientist));
        Assert.Contains(PlatformScopes.DeploymentsWrite, PlatformScopes.ForRole(PlatformRoles.DataScientist));
        Assert.All(PlatformScopes.ForRole(PlatformRoles.Viewer), scope => Assert.False(PlatformScopes.IsWrite(scope), scope));
        Assert.Empty(PlatformScopes.ForRole("someone"));
    }
}
