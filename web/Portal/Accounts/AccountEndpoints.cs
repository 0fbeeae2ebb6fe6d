using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Portal.Accounts;

/// <summary>Sign-in and sign-out are plain form posts: the cookie is written on an HTTP response, not over the circuit.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account");
        account.MapPost("/login", SignIn).WithName("SignIn");
        account.MapPost("/logout", SignOut).WithName("SignOut");
        account.MapPost("/password", ChangePassword).WithName("ChangePassword").RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignIn(
        [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<PortalUser> signIn)
    {
        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: true, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var reason = result.IsLockedOut ? "locked" : "invalid";
            return TypedResults.LocalRedirect($"/login?error={reason}&returnUrl={Uri.EscapeDataString(LocalOrRoot(returnUrl))}");
        }
        return TypedResults.LocalRedirect(LocalOrRoot(returnUrl));
    }

    private static async Task<IResult> SignOut(SignInManager<PortalUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login");
    }

    private static async Task<IResult> ChangePassword(
        [FromForm] string currentPassword, [FromForm] string newPassword, HttpContext http,
        UserManager<PortalUser> users, SignInManager<PortalUser> signIn)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null) return TypedResults.LocalRedirect("/login");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            var reason = string.Join(" ", result.Errors.Select(e => e.Description));
            return TypedResults.LocalRedirect($"/account/password?error={Uri.EscapeDataString(reason)}");
        }
        // The security stamp changed with the password: a fresh cookie keeps this session, others end.
        await signIn.RefreshSignInAsync(user);
        return TypedResults.LocalRedirect("/account/password?done=true");
    }

    // Only same-site paths: an open redirect after sign-in is a phishing aid.
    private static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
