using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Billing.Domain;

namespace Platform.Billing.Infrastructure;

internal sealed class QuotaUsageConfiguration : IEntityTypeConfiguration<QuotaUsage>
{
    public void Configure(EntityTypeBuilder<QuotaUsage> builder)
    {
        builder.ToTable("quota_usage");
        builder.HasKey(q => new { q.TenantId, q.PeriodStart });
        builder.Ignore(q => q.Period);
        // The period roll looks for exceeded quotas only: few rows, found without a scan of every tenant's months.
        builder.HasIndex(q => q.ExceededAt).HasFilter("\"ExceededAt\" IS NOT NULL");
    }
}
