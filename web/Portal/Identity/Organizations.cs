using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Access;
using Platform.Contracts.Tenants;
using Platform.Portal.Accounts;
using Platform.Portal.Infrastructure;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Portal.Identity;

/// <summary>
/// Creates an organization with its first admin (and, when asked, a first API client) in one
/// transaction, and announces it to every service (<see cref="TenantRegistered"/>, through the
/// outbox). The sign-up page and the operator's API both come here.
/// </summary>
public sealed class Organizations(
    PortalDbContext portal, AccountsDbContext accounts, UserManager<PortalUser> users, ApiClients clients, TimeProvider clock)
{
    public const string DefaultPlan = "starter";
    public const int MaxNameLength = 200;

    public sealed record NewOrganization(string Name, string AdminEmail, string? AdminPassword, string? Plan, NewClient? Client);
    public sealed record NewClient(string Name, IReadOnlyCollection<string> Scopes, int LifetimeDays);
    public sealed record Created(KnownTenant Tenant, PortalUser Admin, string? GeneratedPassword, ApiClient? Client, string? ClientSecret);
    public sealed record Refused(string Field, string Reason);

    public async Task<(Created? Created, Refused? Refused)> CreateAsync(NewOrganization request, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength) return (null, new("name", $"must be 1-{MaxNameLength} characters"));
        if (request.Client is { } wanted && ApiClients.Validate(wanted.Name, wanted.Scopes, wanted.LifetimeDays) is { } clientProblem)
            return (null, new($"client.{clientProblem.Field}", clientProblem.Reason));
        if (await NameTakenAsync(name, ct)) return (null, new("name", $"an organization named '{name}' exists; choose another name"));

        var tenant = new KnownTenant { Id = Guid.CreateVersion7(), Name = name, Plan = request.Plan?.Trim() is { Length: > 0 } plan ? plan : DefaultPlan, RegisteredAt = clock.GetUtcNow() };
        var password = request.AdminPassword ?? GeneratePassword();
        var admin = new PortalUser { UserName = request.AdminEmail?.Trim(), Email = request.AdminEmail?.Trim(), EmailConfirmed = true, TenantId = tenant.Id };

        await using var transaction = await SharedTransaction.BeginAsync(portal, accounts, ct);
        var result = await users.CreateAsync(admin, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(admin, PlatformRoles.Admin);
        if (!result.Succeeded) return (null, Describe(result));

        (ApiClient Client, string Secret)? client = request.Client is { } c
            ? await clients.CreateAsync(tenant.Id, c.Name, c.Scopes, c.LifetimeDays, createdBy: admin.Email!, ct)
            : null;

        portal.Tenants.Add(tenant);
        portal.PublishOnCommit(new TenantRegistered(tenant.Id, tenant.Id, tenant.Name, tenant.Plan));
        try
        {
            await portal.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another sign-up took the name between the check and the commit: nothing of this one stays.
            return (null, new("name", $"an organization named '{name}' exists; choose another name"));
        }
        await transaction.CommitAsync(ct);
        portal.SignalOutbox();
        return (new Created(tenant, admin, request.AdminPassword is null ? password : null, client?.Client, client?.Secret), null);
    }

    // Names are unique whatever their case (the database enforces it too: a unique index on lower(name)).
    private Task<bool> NameTakenAsync(string name, CancellationToken ct) =>
        portal.Tenants.AnyAsync(t => t.Name.ToLower() == name.ToLower(), ct);

    private static Refused Describe(IdentityResult result)
    {
        var error = result.Errors.First();
        var field = error.Code.Contains("Password", StringComparison.Ordinal) ? "adminPassword"
            : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "adminEmail"
            : "admin";
        // An address taken by another organization's member must not be confirmed as such.
        var reason = error.Code is "DuplicateEmail" or "DuplicateUserName"
            ? "this address cannot be used; choose another one"
            : string.Join(" ", result.Errors.Select(e => e.Description));
        return new Refused(field, reason);
    }

    /// <summary>A password handed over once (sign-in asks to replace it); as strong as 120 random bits.</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
}
