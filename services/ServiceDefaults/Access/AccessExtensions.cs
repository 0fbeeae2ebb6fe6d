using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Contracts.Access;

namespace Platform.ServiceDefaults.Access;

public static class AccessExtensions
{
    /// <summary>
    /// Bearer access tokens from the platform's identity provider (validated locally with its public
    /// key), one authorization policy per scope (named as the scope), and revoked subjects refused.
    /// With <paramref name="authenticateEveryEndpoint"/>, an endpoint that names no policy still
    /// needs a valid token: nothing is open by omission.
    /// </summary>
    public static AuthenticationBuilder AddPlatformAccess(this IHostApplicationBuilder builder, bool authenticateEveryEndpoint = true)
    {
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        builder.Services.TryAddSingleton<RevokedCredentials>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AccessOptions>>((jwt, access) => TokenValidation.Configure(jwt, access.Value));
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ScopeAuthorizationResultHandler>();
        builder.Services.AddAuthorization(options =>
        {
            // Named schemes, not the default: the portal's default is its session cookie, and its API takes tokens.
            foreach (var scope in PlatformScopes.Tenant.Concat(PlatformScopes.Operator))
                options.AddPolicy(scope, policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                    .RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
            options.AddPolicy(AuthenticatedPolicy, policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
            // Predict and feedback take a deployment's API key, not a token (the scheme is the serving service's).
            foreach (var scope in PlatformScopes.ApiKey)
                options.AddPolicy(scope, policy => policy.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
            if (authenticateEveryEndpoint)
                options.FallbackPolicy = options.GetPolicy(AuthenticatedPolicy);
        });
        return builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
    }

    /// <summary>Any valid access token, whatever its scopes (e.g. a price list).</summary>
    public const string AuthenticatedPolicy = "authenticated";

    /// <summary>The endpoint needs a credential holding <paramref name="scope"/> (and, for a tenant scope, naming its organization).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, string scope) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(scope);
}
