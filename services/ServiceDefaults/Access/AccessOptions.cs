namespace Platform.ServiceDefaults.Access;

/// <summary>
/// How a service checks the access tokens of the platform's identity provider: who issues them, and
/// the public key their signatures verify with. The key comes from configuration (the AppHost writes
/// it beside the private key it generated), so a service validates tokens without calling anyone.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer every token names (<c>iss</c>), e.g. <c>http://localhost:5000/</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>A PEM file holding the RSA public key (or the key pair; only the public half is used).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Tolerance for clocks that disagree; kept short because tokens live minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
