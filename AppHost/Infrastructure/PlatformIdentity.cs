using Platform.AppHost.Local;
using Platform.Contracts;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// The identity provider's keys and its own clients' secrets, generated once by the AppHost and kept
/// as secret files (ADR 8): the portal gets the private keys, every service the public signing key
/// and the issuer to expect, all as file paths.
/// </summary>
public sealed class PlatformIdentity
{
    public const string SigningKey = "token-signing-key";
    public const string EncryptionKey = "token-encryption-key";
    public const string PortalClientSecret = "portal-client-secret";
    public const string OperatorClientSecret = "operator-client-secret";

    private PlatformIdentity(LocalSecrets secrets)
    {
        (SigningKeyFile, SigningPublicKeyFile) = secrets.GetOrCreateRsaKey(SigningKey);
        (EncryptionKeyFile, _) = secrets.GetOrCreateRsaKey(EncryptionKey);
        PortalClientSecretFile = secrets.GetOrCreateFile(PortalClientSecret, NewSecret);
        OperatorClientSecretFile = secrets.GetOrCreateFile(OperatorClientSecret, NewSecret);
        DemoPasswordFile = secrets.GetOrCreateFile(PortalDemo.PasswordSecret, NewSecret);
    }

    public string SigningKeyFile { get; }
    public string SigningPublicKeyFile { get; }
    public string EncryptionKeyFile { get; }
    public string PortalClientSecretFile { get; }
    public string OperatorClientSecretFile { get; }
    public string DemoPasswordFile { get; }

    public static PlatformIdentity Create(PlatformSettings settings) => new(new LocalSecrets(settings.SecretsDirectory));

    private static string NewSecret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
}

public static class PlatformIdentityExtensions
{
    /// <summary>A service that validates the portal's tokens: the issuer to expect and the public key to verify with.</summary>
    public static IResourceBuilder<ProjectResource> WithTokenValidation(
        this IResourceBuilder<ProjectResource> service, PlatformIdentity identity, string issuer) =>
        service.WithEnvironment("Identity__Issuer", issuer).WithEnvironment("Identity__SigningKeyFile", identity.SigningPublicKeyFile);

    /// <summary>The portal as the identity provider: its keys, its clients' secrets and the demo admin's password, as files.</summary>
    public static IResourceBuilder<ProjectResource> WithIdentityServer(this IResourceBuilder<ProjectResource> portal, PlatformIdentity identity, string issuer) =>
        portal.WithEnvironment("Identity__Issuer", issuer)
            .WithEnvironment("Identity__SigningKeyFile", identity.SigningKeyFile)
            .WithEnvironment("Identity__EncryptionKeyFile", identity.EncryptionKeyFile)
            .WithEnvironment("Identity__PortalClientSecretFile", identity.PortalClientSecretFile)
            .WithEnvironment("Identity__OperatorClientSecretFile", identity.OperatorClientSecretFile)
            .WithEnvironment("Portal__DemoPasswordFile", identity.DemoPasswordFile);
}
