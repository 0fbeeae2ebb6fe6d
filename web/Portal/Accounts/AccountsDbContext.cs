using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.Portal.Identity;

namespace Platform.Portal.Accounts;

/// <summary>
/// Users, roles and password hashes (ASP.NET Core Identity), the OpenID Connect server's clients,
/// authorizations and tokens (OpenIddict) and the organizations' API clients, in the portal's
/// database under the <c>accounts</c> schema with their own migration history: the portal's tenant
/// tables derive from the shared service base, which Identity's base class cannot also be.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public const string Schema = "accounts";

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(Schema);
        base.OnModelCreating(builder);
        builder.Entity<PortalUser>().HasIndex(u => u.TenantId);
        builder.ApplyConfiguration(new ApiClientConfiguration());
    }
}

internal sealed class AccountsDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AccountsDbContext>()
        .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable("__EFMigrationsHistory", AccountsDbContext.Schema))
        .UseOpenIddict()
        .Options);
}
