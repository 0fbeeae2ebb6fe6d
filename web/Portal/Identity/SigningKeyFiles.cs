using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Access;

namespace Platform.Portal.Identity;

/// <summary>The server's RSA key pairs, read from their PEM files (kept by whoever runs the portal: the AppHost, a secret store).</summary>
internal static class SigningKeyFiles
{
    public static RsaSecurityKey Read(string? pemFile, string setting)
    {
        if (pemFile is not { Length: > 0 } || !File.Exists(pemFile))
            throw new InvalidOperationException($"{setting} must name the PEM file of an RSA key pair; '{pemFile}' does not exist.");
        // Not disposed: the server signs with it for the life of the process.
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(pemFile));
        return new RsaSecurityKey(rsa) { KeyId = SigningKeys.KeyIdOf(rsa) };
    }

    public static string ReadSecret(string? file, string setting) =>
        file is { Length: > 0 } && File.Exists(file) && File.ReadAllText(file).Trim() is { Length: >= 16 } secret
            ? secret
            : throw new InvalidOperationException($"{setting} must name a file holding a secret of 16 characters or more; '{file}' does not.");
}
