using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts.Access;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Access tokens are JWTs (RFC 9068) signed by the identity provider: checked here for signature,
/// issuer, audience, type and lifetime with the configured public key, then against the revoked
/// subjects. A refusal is answered as problem details whose detail says why (expired, revoked…).
/// </summary>
internal static class TokenValidation
{
    public static void Configure(JwtBearerOptions jwt, AccessOptions access)
    {
        if (access.Issuer is not { Length: > 0 } issuer)
            throw new InvalidOperationException("Identity:Issuer is not configured: the service cannot tell whose tokens to accept.");
        if (access.SigningKeyFile is not { Length: > 0 } keyFile)
            throw new InvalidOperationException("Identity:SigningKeyFile is not configured: the service cannot verify tokens.");

        jwt.MapInboundClaims = false;
        // The key comes from configuration; no metadata is fetched, so http or https makes no difference here.
        jwt.RequireHttpsMetadata = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = PlatformClaims.Audience,
            IssuerSigningKey = SigningKeys.PublicKeyFrom(keyFile),
            ValidTypes = ["at+jwt"], // an identity token, signed by the same key, is not an access token
            ClockSkew = access.ClockSkew,
            NameClaimType = PlatformClaims.Subject,
            RoleClaimType = PlatformClaims.Role,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = RefuseRevoked,
            OnChallenge = ChallengeWithProblemAsync,
        };
    }

    private static Task RefuseRevoked(TokenValidatedContext context)
    {
        var revoked = context.HttpContext.RequestServices.GetRequiredService<RevokedCredentials>();
        if (context.SecurityToken is not JsonWebToken token || context.Principal?.Subject() is not { } subject) return Task.CompletedTask;
        var refused = long.TryParse(token.GetPayloadValue<string?>(PlatformClaims.IssuedAtMilliseconds) ?? "", out var issuedMs)
            ? revoked.IsRevoked(subject, DateTimeOffset.FromUnixTimeMilliseconds(issuedMs))
            : revoked.IsRevokedSeconds(subject, token.IssuedAt == default ? token.ValidFrom : token.IssuedAt);
        if (refused) context.Fail($"The token was revoked: tokens of {subject} issued before its revocation are refused.");
        return Task.CompletedTask;
    }

    private static async Task ChallengeWithProblemAsync(JwtBearerChallengeContext context)
    {
        var reason = context.AuthenticateFailure switch
        {
            SecurityTokenExpiredException expired => $"The access token expired at {expired.Expires:O}.",
            SecurityTokenInvalidAudienceException => $"The access token is not for the platform's APIs (audience {PlatformClaims.Audience}).",
            SecurityTokenInvalidIssuerException => "The access token was issued by another issuer.",
            SecurityTokenInvalidTypeException => "The token is not an access token.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The access token's signature does not verify.",
            { } failure => failure.Message,
            null when context.Request.Headers.Authorization.Count == 0 => "Send an access token in the Authorization header (Bearer).",
            null => "The Authorization header holds no bearer token.",
        };
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{reason.Replace('"', '\'')}\"";
        await AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", reason);
    }
}
