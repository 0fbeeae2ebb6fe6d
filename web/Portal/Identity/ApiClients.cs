using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Contracts.Access;
using Platform.Portal.Accounts;
using Platform.Portal.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Portal.Identity;

/// <summary>
/// An organization's API clients: created by its admins (secret shown once, stored hashed by
/// OpenIddict), listed, and revoked (the OAuth client is deleted, its tokens revoked, and every
/// service refuses the ones already issued through <see cref="CredentialRevoked"/>).
/// </summary>
public sealed class ApiClients(
    AccountsDbContext accounts, PortalDbContext portal, IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens, TimeProvider clock)
{
    public const int MaxLifetimeDays = 365;
    public const int MaxNameLength = 100;

    public Task<ApiClient?> FindAsync(string clientId, CancellationToken ct) =>
        accounts.ApiClients.FirstOrDefaultAsync(c => c.ClientId == clientId, ct);

    public Task<List<ApiClient>> ListAsync(Guid tenantId, CancellationToken ct) =>
        accounts.ApiClients.AsNoTracking().Where(c => c.TenantId == tenantId).OrderByDescending(c => c.CreatedAt).ToListAsync(ct);

    public async Task MarkUsedAsync(ApiClient client, DateTimeOffset now, CancellationToken ct)
    {
        client.LastUsedAt = now;
        await accounts.SaveChangesAsync(ct);
    }

    /// <summary>The problem with a request, naming the field, or null.</summary>
    public static (string Field, string Reason)? Validate(string? name, IReadOnlyCollection<string>? scopes, int? lifetimeDays)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength) return ("name", $"must be 1-{MaxNameLength} characters");
        if (scopes is null || scopes.Count == 0) return ("scopes", $"must name at least one of {string.Join(", ", PlatformScopes.Tenant)}");
        if (scopes.FirstOrDefault(s => !PlatformScopes.Tenant.Contains(s)) is { } unknown)
            return ("scopes", $"'{unknown}' is not a scope an organization grants; the scopes are {string.Join(", ", PlatformScopes.Tenant)}");
        if (lifetimeDays is < 1 or > MaxLifetimeDays) return ("expiresInDays", $"must be between 1 and {MaxLifetimeDays}");
        return null;
    }

    /// <summary>Creates the client within the caller's transaction (or its own); the secret is returned here and nowhere else.</summary>
    public async Task<(ApiClient Client, string Secret)> CreateAsync(
        Guid tenantId, string name, IReadOnlyCollection<string> scopes, int lifetimeDays, string createdBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var client = new ApiClient
        {
            ClientId = "cli_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            TenantId = tenantId,
            Name = name.Trim(),
            Scopes = [.. PlatformScopes.Tenant.Where(scopes.Contains)],
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now.AddDays(lifetimeDays),
        };
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.Name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in client.Scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        descriptor.Properties[PlatformClaims.TenantId] = JsonSerializer.SerializeToElement(tenantId);

        var own = accounts.Database.CurrentTransaction is null ? await accounts.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            accounts.ApiClients.Add(client);
            await accounts.SaveChangesAsync(ct);
            await applications.CreateAsync(descriptor, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        return (client, secret);
    }

    /// <summary>Revokes the client: no new tokens, and the ones it holds are refused everywhere within seconds.</summary>
    public async Task<ApiClient?> RevokeAsync(Guid tenantId, string clientId, CancellationToken ct)
    {
        var client = await accounts.ApiClients.FirstOrDefaultAsync(c => c.ClientId == clientId && c.TenantId == tenantId, ct);
        if (client is null || client.RevokedAt is not null) return client;
        var now = clock.GetUtcNow();
        await using var transaction = await SharedTransaction.BeginAsync(portal, accounts, ct);
        client.RevokedAt = now;
        await accounts.SaveChangesAsync(ct);
        if (await applications.FindByClientIdAsync(clientId, ct) is { } application)
        {
            await tokens.RevokeByApplicationIdAsync((await applications.GetIdAsync(application, ct))!, ct);
            await applications.DeleteAsync(application, ct);
        }
        portal.PublishOnCommit(new CredentialRevoked(tenantId, Guid.CreateVersion7(), clientId, now, "API client revoked"));
        await portal.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        portal.SignalOutbox();
        return client;
    }
}
