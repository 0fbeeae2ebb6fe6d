using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Tenants;
using Platform.Portal.Infrastructure;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Portal.Accounts;

/// <summary>
/// On a first start, creates the demo tenant and its admin so a newcomer can sign in at once. The
/// password comes from configuration (the AppHost passes a generated local secret; <c>./platform up</c>
/// prints it); without one, nothing is seeded.
/// </summary>
public sealed partial class DemoAccountSeeder(
    IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public const string DemoEmail = "demo@platform.local";
    public const string DemoTenant = "Demo Company";
    public const string PasswordSetting = "Portal:DemoPassword";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration[PasswordSetting] is not { Length: > 0 } password) return;
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByEmailAsync(DemoEmail) is not null) return;

        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Name == DemoTenant, cancellationToken);
        if (tenant is null)
        {
            tenant = new KnownTenant { Id = Guid.CreateVersion7(), Name = DemoTenant, Plan = "starter", RegisteredAt = clock.GetUtcNow() };
            db.Tenants.Add(tenant);
            db.PublishOnCommit(new TenantRegistered(tenant.Id, tenant.Id, tenant.Name, tenant.Plan));
            await db.SaveChangesAsync(cancellationToken);
        }

        var user = new PortalUser { UserName = DemoEmail, Email = DemoEmail, EmailConfirmed = true, TenantId = tenant.Id };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) throw new InvalidOperationException($"The demo user could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, PortalRoles.Admin);
        LogSeeded(logger, DemoEmail, DemoTenant);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo user {Email} (admin of {Tenant})")]
    private static partial void LogSeeded(ILogger logger, string email, string tenant);
}
