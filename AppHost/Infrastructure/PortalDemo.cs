namespace Platform.AppHost.Infrastructure;

/// <summary>The demo account the portal seeds on a first start, and how a newcomer learns of it.</summary>
public static class PortalDemo
{
    public const string Email = "demo@platform.local";
    public const string PasswordSecret = "portal-demo-password";

    /// <summary>
    /// Written to the terminal, not logged: logs go to the dashboard and exporters, where a password
    /// must not travel. The password also stays in the secrets folder (mode 0600).
    /// </summary>
    public static void PrintSignIn(string? portalUrl, PlatformSettings settings)
    {
        var path = Path.Combine(settings.SecretsDirectory, PasswordSecret);
        if (portalUrl is null || !File.Exists(path)) return;
        Console.WriteLine();
        Console.WriteLine($"  Sign in to the portal at {portalUrl}");
        Console.WriteLine($"    email:    {Email}");
        Console.WriteLine($"    password: {File.ReadAllText(path).Trim()}   (kept in {path})");
        Console.WriteLine();
    }
}
