using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Platform.Contracts.Access;
using Platform.Portal.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Portal.Identity;

/// <summary>
/// Before the portal takes requests: the roles exist, and the platform's own OAuth clients are
/// registered with their current secrets and addresses (the portal's address may change between runs).
/// </summary>
internal sealed class IdentitySetup(IServiceScopeFactory scopes, IOptions<IdentityServerOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var settings = options.Value;
        var issuer = new Uri(settings.Issuer ?? throw new InvalidOperationException("Identity:Issuer is not configured."));
        await RegisterAsync(applications, PortalClient(issuer, SigningKeyFiles.ReadSecret(settings.PortalClientSecretFile, "Identity:PortalClientSecretFile")), cancellationToken);
        await RegisterAsync(applications, OperatorClient(SigningKeyFiles.ReadSecret(settings.OperatorClientSecretFile, "Identity:OperatorClientSecretFile")), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor PortalClient(Uri issuer, string secret)
    {
        var portal = new OpenIddictApplicationDescriptor
        {
            ClientId = PlatformClients.Portal,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Platform portal",
            RedirectUris = { new Uri(issuer, PlatformClients.CallbackPath) },
            PostLogoutRedirectUris = { new Uri(issuer, PlatformClients.SignedOutCallbackPath) },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.GrantTypes.ClientCredentials,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var scope in PlatformScopes.Tenant) portal.Permissions.Add(Permissions.Prefixes.Scope + scope);
        return portal;
    }

    /// <summary>The operator creates organizations and re-drives error queues; its tokens name no organization.</summary>
    private static OpenIddictApplicationDescriptor OperatorClient(string secret)
    {
        var operatorClient = new OpenIddictApplicationDescriptor
        {
            ClientId = PlatformClients.Operator,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Platform operator",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in PlatformScopes.Operator) operatorClient.Permissions.Add(Permissions.Prefixes.Scope + scope);
        return operatorClient;
    }

    private static async Task RegisterAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, ct) is { } existing) await applications.UpdateAsync(existing, descriptor, ct);
        else await applications.CreateAsync(descriptor, ct);
    }
}
