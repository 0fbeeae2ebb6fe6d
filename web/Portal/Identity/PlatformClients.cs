namespace Platform.Portal.Identity;

/// <summary>The OAuth clients the platform registers itself (a tenant's API clients are created by its admins).</summary>
public static class PlatformClients
{
    /// <summary>The portal signing its users in (authorization code + PKCE, refresh tokens) and calling with no user (client credentials).</summary>
    public const string Portal = "platform-portal";

    /// <summary>The platform's operator: creates organizations through the API (the demo and the system tests use it).</summary>
    public const string Operator = "platform-operator";

    /// <summary>Where the OpenID Connect handler receives the authorization code.</summary>
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";
}
