using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Platform.Portal.Identity;
using Platform.ServiceDefaults.Access;

namespace Platform.Portal.Accounts;

/// <summary>
/// Signing in, out and up, and changing a password, as plain form posts: cookies are written on an
/// HTTP response, not over a circuit. A portal session starts through the identity provider
/// (<c>/account/signin</c> → <c>/connect/authorize</c> → the sign-in page → back with a code).
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription();
        account.MapGet("/signin", StartSession).WithName("StartSession").AllowAnonymous();
        account.MapPost("/login", SignIn).WithName("SignIn").AllowAnonymous();
        account.MapPost("/logout", SignOut).WithName("SignOut");
        account.MapPost("/password", ChangePassword).WithName("ChangePassword").RequireAuthorization();
        account.MapPost("/signup", SignUp).WithName("SignUp").AllowAnonymous();
        return app;
    }

    /// <summary>Where a page sends someone who is not signed in: to the identity provider, and back to the page.</summary>
    private static IResult StartSession(string? returnUrl) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]);

    private static async Task<IResult> SignIn(
        [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<PortalUser> signIn)
    {
        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var reason = result.IsLockedOut ? "locked" : "invalid";
            return TypedResults.LocalRedirect($"/login?error={reason}&returnUrl={Uri.EscapeDataString(LocalOrRoot(returnUrl))}");
        }
        return TypedResults.LocalRedirect(LocalOrRoot(returnUrl));
    }

    private static async Task<IResult> SignOut(HttpContext http, SignInManager<PortalUser> signIn, PortalSessions sessions)
    {
        if (http.User.FindFirst(PortalSessions.SessionClaim)?.Value is { } session) sessions.End(session);
        await http.SignOutAsync(IdentityServerExtensions.PortalScheme);
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login?signedOut=true");
    }

    /// <summary>
    /// A changed password ends every session of the member, this one too (the services refuse the
    /// tokens issued before): they sign in again with the new password.
    /// </summary>
    private static async Task<IResult> ChangePassword(
        [FromForm] string currentPassword, [FromForm] string newPassword, HttpContext http,
        UserManager<PortalUser> users, SignInManager<PortalUser> signIn, MemberAccess access, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(http.User.Subject() ?? "");
        if (user is null) return TypedResults.LocalRedirect("/account/signin");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            var reason = string.Join(" ", result.Errors.Select(e => e.Description));
            return TypedResults.LocalRedirect($"/account/password?error={Uri.EscapeDataString(reason)}");
        }
        await access.RevokeAsync(user.TenantId, user.Id, "password changed", ct);
        await http.SignOutAsync(IdentityServerExtensions.PortalScheme);
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login?passwordChanged=true");
    }

    /// <summary>A new organization and its first admin, who is signed in at once.</summary>
    private static async Task<IResult> SignUp(
        [FromForm] string organization, [FromForm] string email, [FromForm] string password,
        Organizations organizations, SignInManager<PortalUser> signIn, CancellationToken ct)
    {
        var (created, refused) = await organizations.CreateAsync(
            new Organizations.NewOrganization(organization, email, password, Plan: null, Client: null), ct);
        if (refused is not null)
        {
            var query = $"field={Uri.EscapeDataString(refused.Field)}&error={Uri.EscapeDataString(refused.Reason)}" +
                        $"&organization={Uri.EscapeDataString(organization)}&email={Uri.EscapeDataString(email)}";
            return TypedResults.LocalRedirect($"/signup?{query}");
        }
        await signIn.SignInAsync(created!.Admin, isPersistent: false);
        return TypedResults.LocalRedirect("/account/signin?returnUrl=%2F");
    }

    // Only same-site paths: an open redirect after sign-in is a phishing aid.
    internal static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
