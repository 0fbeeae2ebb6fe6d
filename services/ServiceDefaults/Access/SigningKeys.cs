using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Access;

/// <summary>Reads the token signing key from its PEM file; a service needs only the public half.</summary>
public static class SigningKeys
{
    public static RsaSecurityKey PublicKeyFrom(string pemFile)
    {
        if (!File.Exists(pemFile))
            throw new InvalidOperationException($"The token signing key file {pemFile} (Identity:SigningKeyFile) does not exist.");
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(pemFile));
        // Only the public parameters travel into the validator, whatever the file held.
        var publicOnly = RSA.Create(rsa.ExportParameters(includePrivateParameters: false));
        rsa.Dispose();
        return new RsaSecurityKey(publicOnly) { KeyId = KeyIdOf(publicOnly) };
    }

    /// <summary>The key id the issuer puts in every token's header: a thumbprint of the public key (RFC 7638).</summary>
    public static string KeyIdOf(RSA rsa) =>
        Base64UrlEncoder.Encode(new RsaSecurityKey(rsa.ExportParameters(false)).ComputeJwkThumbprint());
}
