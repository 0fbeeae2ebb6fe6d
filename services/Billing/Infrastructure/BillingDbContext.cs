using Microsoft.EntityFrameworkCore;
using Platform.Billing.Domain;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Billing.Infrastructure;

public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<UsageRecord> Usage => Set<UsageRecord>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<UsageReconciliation> Reconciliations => Set<UsageReconciliation>();
    public DbSet<QuotaUsage> QuotaUsage => Set<QuotaUsage>();
}

internal sealed class BillingDesignTimeFactory : DesignTimeDbContextFactory<BillingDbContext>;
