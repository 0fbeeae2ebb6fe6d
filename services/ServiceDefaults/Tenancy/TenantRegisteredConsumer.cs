using MassTransit;
using Platform.Contracts.Tenants;
using Platform.ServiceDefaults.Inbox;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Tenancy;

/// <summary>Adds a newly registered tenant to this service's tenant directory.</summary>
public sealed class TenantRegisteredConsumer(ServiceDbContext db) : InboxConsumer<TenantRegistered, ServiceDbContext>(db)
{
    protected override async Task HandleAsync(TenantRegistered message, ConsumeContext<TenantRegistered> context)
    {
        if (await Db.Tenants.FindAsync([message.TenantId], context.CancellationToken) is not null) return;
        Db.Tenants.Add(new KnownTenant
        {
            Id = message.TenantId,
            Name = message.Name,
            Plan = message.Plan,
            RegisteredAt = DateTimeOffset.UtcNow,
        });
    }
}
