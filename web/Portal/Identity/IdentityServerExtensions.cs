using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OpenIddict.Abstractions;
using Platform.Contracts.Access;
using Platform.Portal.Accounts;
using Platform.ServiceDefaults.Access;

namespace Platform.Portal.Identity;

public static class IdentityServerExtensions
{
    /// <summary>The portal's session cookie: the signed-in member, built from their identity token.</summary>
    public const string PortalScheme = "portal";

    /// <summary>
    /// The OpenID Connect server (OpenIddict over the members and the organizations' API clients), and
    /// the portal as its first client: a member signs in through it and the portal calls the services
    /// with the member's access token (ADR 8).
    /// </summary>
    public static IHostApplicationBuilder AddIdentityServer(this IHostApplicationBuilder builder)
    {
        var options = builder.Services.AddOptions<IdentityServerOptions>().BindConfiguration(IdentityServerOptions.Section)
            .Validate(o => Uri.TryCreate(o.Issuer, UriKind.Absolute, out _), "Identity:Issuer must be the portal's absolute URL")
            .ValidateOnStart();
        var settings = builder.Configuration.GetSection(IdentityServerOptions.Section).Get<IdentityServerOptions>() ?? new IdentityServerOptions();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AccountsDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(settings.Issuer ?? "http://localhost/"));
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                server.RegisterScopes([.. TokenPrincipals.OpenIdScopes, .. PlatformScopes.Tenant, .. PlatformScopes.Operator]);
                server.AddSigningKey(SigningKeyFiles.Read(settings.SigningKeyFile, "Identity:SigningKeyFile"));
                server.AddEncryptionKey(SigningKeyFiles.Read(settings.EncryptionKeyFile, "Identity:EncryptionKeyFile"));
                // Services validate access tokens themselves with the public key: signed, not encrypted (RFC 9068).
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(settings.SessionLifetime);
                // A session's refresh token is used by one server-side store; revocation, not rotation, ends it.
                server.DisableRollingRefreshTokens();
                server.UseAspNetCore()
                    // Plain http is the local platform's transport (no certificate exists here); production terminates TLS in front.
                    .DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough();
            });

        builder.Services.AddSingleton<PortalSessions>();
        builder.Services.AddHttpClient(PortalSessions.HttpClientName, (sp, http) =>
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<IdentityServerOptions>>().Value.Issuer!));
        builder.Services.AddScoped<ApiClients>();
        builder.Services.AddScoped<Organizations>();
        builder.Services.AddScoped<MemberAccess>();
        builder.Services.AddScoped<Members>();
        builder.Services.AddHostedService<IdentitySetup>();
        builder.Services.AddHostedService<DemoAccountSeeder>(); // after the roles exist
        builder.Services.AddHostedService<IdentityMaintenance>();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = PortalScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(PortalScheme, cookie =>
            {
                cookie.Cookie.Name = "platform.portal";
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = settings.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.AccessDeniedPath = "/forbidden";
                cookie.Events.OnValidatePrincipal = EndRevokedSessionAsync;
            })
            .AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
            {
                oidc.Authority = settings.Issuer;
                oidc.RequireHttpsMetadata = false;
                oidc.ClientId = PlatformClients.Portal;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.SignInScheme = PortalScheme;
                oidc.MapInboundClaims = false;
                oidc.SaveTokens = false; // the tokens stay on the server (PortalSessions), not in the cookie
                oidc.CallbackPath = PlatformClients.CallbackPath;
                oidc.SignedOutCallbackPath = PlatformClients.SignedOutCallbackPath;
                oidc.Scope.Clear();
                foreach (var scope in TokenPrincipals.OpenIdScopes.Concat(PlatformScopes.Tenant)) oidc.Scope.Add(scope);
                oidc.TokenValidationParameters.NameClaimType = OpenIddictConstants.Claims.Name;
                oidc.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                // Lax, not the default None: over plain http a browser drops SameSite=None cookies, and the
                // code comes back by a top-level navigation to this same site anyway.
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.Events.OnTokenValidated = StartSession;
            });
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IOptions<IdentityServerOptions>>((oidc, identity) =>
                oidc.ClientSecret = SigningKeyFiles.ReadSecret(identity.Value.PortalClientSecretFile, "Identity:PortalClientSecretFile"));

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, PortalSessionRevalidation>();
        return builder;
    }

    /// <summary>The code was exchanged: the tokens go into a server-side session the cookie names.</summary>
    private static Task StartSession(TokenValidatedContext context)
    {
        var tokens = context.TokenEndpointResponse ?? throw new InvalidOperationException("The token endpoint answered nothing.");
        var sessions = context.HttpContext.RequestServices.GetRequiredService<PortalSessions>();
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var sessionId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var principal = context.Principal ?? throw new InvalidOperationException("The identity token carried no principal.");
        var userId = principal.FindFirstValue(PlatformClaims.Subject)!;
        var expiresIn = int.TryParse(tokens.ExpiresIn, out var seconds) ? seconds : 60;
        sessions.Start(sessionId, userId, tokens.AccessToken, tokens.RefreshToken, clock.GetUtcNow().AddSeconds(expiresIn));
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(PortalSessions.SessionClaim, sessionId));
        identity.AddClaim(new Claim(PortalSessions.StartedClaim, clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Task.CompletedTask;
    }

    /// <summary>A cookie whose session ended (sign-out, revocation, a restart) no longer signs anyone in.</summary>
    private static async Task EndRevokedSessionAsync(CookieValidatePrincipalContext context)
    {
        if (PortalSessionRevalidation.IsValid(context.Principal, context.HttpContext.RequestServices)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(PortalScheme);
    }
}
