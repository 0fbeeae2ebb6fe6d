using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Billing.Domain;

namespace Platform.Billing.Infrastructure;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.ToTable("usage_records");
        builder.HasKey(u => u.UsageId);
        builder.Property(u => u.UsageId).ValueGeneratedNever();
        builder.Property(u => u.DeploymentName).HasMaxLength(200);
        builder.HasIndex(u => new { u.TenantId, u.WindowStart });
    }
}
