using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Contracts;
using Platform.Contracts.Access;

namespace Platform.SystemTests;

/// <summary>
/// Access tokens made with the platform's own signing key (the test reads the AppHost's secret), for
/// what the identity provider would not hand out on request: one that expired minutes ago.
/// </summary>
public static class ForgedTokens
{
    public static string Expired(PlatformFixture platform, Guid tenant, string subject, IEnumerable<string> scopes)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(platform.SecretsFolder, "token-signing-key.pem")));
        var key = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(new RsaSecurityKey(rsa.ExportParameters(false)).ComputeJwkThumbprint()) };
        var issued = DateTime.UtcNow.AddMinutes(-20);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = new Uri(platform.App.GetEndpoint(ResourceNames.Portal, "http"), "/").AbsoluteUri,
            Audience = PlatformClaims.Audience,
            TokenType = "at+jwt",
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.AddMinutes(5),
            Subject = new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, subject), new Claim(PlatformClaims.TenantId, tenant.ToString()),
                new Claim(PlatformClaims.Scope, string.Join(' ', scopes)),
            ]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }
}
