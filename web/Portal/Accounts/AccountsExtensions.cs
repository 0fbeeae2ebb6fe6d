using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Portal.Accounts;

public static class AccountsExtensions
{
    /// <summary>
    /// The organizations' members (ASP.NET Core Identity, in the portal's database) and the sign-in
    /// page's own cookie, which only the identity provider's authorization endpoint reads (ADR 8).
    /// </summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Database(ResourceNames.Portal))
            ?? throw new InvalidOperationException("The portal's database is not configured.");
        builder.Services.AddDbContext<AccountsDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", AccountsDbContext.Schema))
            .UseOpenIddict());
        builder.Services.AddMigrationsAtStartup<AccountsDbContext>();

        builder.Services.AddAuthentication().AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.Cookie.Name = "platform.signin";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
        });
        // Every use of the sign-in cookie checks the member's security stamp: a removed member, or one
        // whose password changed, is not signed in again silently.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length, not composition rules, makes a password strong (NIST SP 800-63B §5.1.1.2).
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
                // The same claim names as the platform's tokens, so a member is found from either principal.
                options.ClaimsIdentity.UserIdClaimType = PlatformClaims.Subject;
                options.ClaimsIdentity.RoleClaimType = PlatformClaims.Role;
                options.ClaimsIdentity.EmailClaimType = PlatformClaims.Email;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        return builder;
    }
}
