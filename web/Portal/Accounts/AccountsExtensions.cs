using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Portal.Accounts;

public static class AccountsExtensions
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Database(ResourceNames.Portal))
            ?? throw new InvalidOperationException("The portal's database is not configured.");
        builder.Services.AddDbContext<AccountsDbContext>(options => options.UseNpgsql(connectionString,
            npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", AccountsDbContext.Schema)));
        builder.Services.AddMigrationsAtStartup<AccountsDbContext>();

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.AccessDeniedPath = "/forbidden";
            cookie.Cookie.Name = "platform.portal";
            cookie.SlidingExpiration = true;
        });
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
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<TenantClaimsFactory>();
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHostedService<DemoAccountSeeder>();
        return builder;
    }
}
