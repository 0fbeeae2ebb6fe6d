using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Portal.Accounts;
using Platform.Portal.Infrastructure;

namespace Platform.Portal.Identity;

/// <summary>
/// Accounts (users, OAuth clients) and the portal's own tables (tenants, the outbox) live in one
/// database under two contexts: one transaction over one connection covers both, so an organization,
/// its admin and the event announcing it are written together or not at all.
/// </summary>
internal static class SharedTransaction
{
    public static async Task<IDbContextTransaction> BeginAsync(PortalDbContext portal, AccountsDbContext accounts, CancellationToken ct)
    {
        var transaction = await portal.Database.BeginTransactionAsync(ct);
        accounts.Database.SetDbConnection(portal.Database.GetDbConnection(), contextOwnsConnection: false);
        await accounts.Database.UseTransactionAsync(transaction.GetDbTransaction(), ct);
        return transaction;
    }
}
