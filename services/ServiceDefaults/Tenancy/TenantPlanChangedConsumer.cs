using MassTransit;
using Platform.Contracts.Tenants;
using Platform.ServiceDefaults.Inbox;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Tenancy;

/// <summary>Keeps this service's copy of the tenant's plan current.</summary>
public sealed class TenantPlanChangedConsumer(ServiceDbContext db) : InboxConsumer<TenantPlanChanged, ServiceDbContext>(db)
{
    protected override async Task HandleAsync(TenantPlanChanged message, ConsumeContext<TenantPlanChanged> context)
    {
        // A change that overtook the registration is retried until the registration has arrived.
        var tenant = await Db.Tenants.FindAsync([message.TenantId], context.CancellationToken)
            ?? throw new InvalidOperationException($"Tenant {message.TenantId} is not known here yet; its plan change waits for its registration.");
        tenant.Plan = message.Plan;
    }
}
