namespace Platform.Portal.Identity;

/// <summary>
/// The portal's OAuth 2.0 / OpenID Connect server (ADR 8): who it says it is, the keys it signs and
/// encrypts tokens with (PEM files the AppHost generates and keeps as secrets), the secrets of the
/// clients it registers itself, and how long tokens live. The same <c>Identity</c> section gives the
/// services the issuer and the public key they validate with.
/// </summary>
public sealed class IdentityServerOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer's URL, as every token names it; the portal's own public address.</summary>
    public string? Issuer { get; set; }

    /// <summary>PEM file of the RSA key pair that signs tokens (the services hold only its public half).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>PEM file of the RSA key pair that encrypts what only the portal reads (codes, refresh tokens).</summary>
    public string? EncryptionKeyFile { get; set; }

    /// <summary>File holding the secret of the portal's own client (its sign-in and its calls with no user).</summary>
    public string? PortalClientSecretFile { get; set; }

    /// <summary>File holding the platform operator's client secret (creates organizations; the demo and tests use it).</summary>
    public string? OperatorClientSecretFile { get; set; }

    /// <summary>Access tokens are short-lived: a removed member or revoked client stops at the latest after this (services also refuse revoked subjects at once).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A portal session without activity ends after this; its refresh token lives as long.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
