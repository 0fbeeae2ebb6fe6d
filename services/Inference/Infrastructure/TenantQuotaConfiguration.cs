using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

internal sealed class TenantQuotaConfiguration : IEntityTypeConfiguration<TenantQuota>
{
    public void Configure(EntityTypeBuilder<TenantQuota> builder)
    {
        builder.ToTable("tenant_quotas");
        builder.HasKey(q => q.TenantId);
        builder.Property(q => q.TenantId).ValueGeneratedNever();
        builder.Property(q => q.Quota).HasMaxLength(100);
        builder.Property(q => q.Reason).HasMaxLength(1000);
        // Two quota events of one tenant at once: the later writer fails and is retried, then compares ids.
        builder.Property(q => q.EventId).IsConcurrencyToken();
    }
}
