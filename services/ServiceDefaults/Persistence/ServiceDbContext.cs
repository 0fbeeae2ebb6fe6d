using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Inbox;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Persistence;

/// <summary>
/// Base of every service's DbContext: adds the outbox, the inbox, the tenant directory and the
/// revoked credentials to the service's own model, so one migration history holds them and one transaction covers them.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<KnownTenant> Tenants => Set<KnownTenant>();
    public DbSet<RevokedCredential> RevokedCredentials => Set<RevokedCredential>();

    /// <summary>Queues an event to be published once the current unit of work commits.</summary>
    public void PublishOnCommit<TMessage>(TMessage message) where TMessage : class =>
        OutboxMessages.Add(OutboxMessage.Create(message));

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var queuedEvents = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Inside an explicit transaction the rows are not visible yet; whoever commits signals.
        if (queuedEvents && Database.CurrentTransaction is null)
        {
            SignalOutbox();
        }
        return written;
    }

    /// <summary>Wakes the dispatcher now instead of at its next poll.</summary>
    public void SignalOutbox() => this.GetService<OutboxSignal>().Notify();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new KnownTenantConfiguration());
        modelBuilder.ApplyConfiguration(new RevokedCredentialConfiguration());
        // The context's own namespace only: a host may hold another context's entities (the portal's accounts).
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, type => type.Namespace == GetType().Namespace);
    }
}
