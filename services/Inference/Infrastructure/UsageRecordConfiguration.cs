using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.ToTable("usage_records");
        builder.HasKey(u => u.UsageId);
        builder.Property(u => u.UsageId).ValueGeneratedNever();
        builder.Property(u => u.DeploymentName).HasMaxLength(100);
        builder.HasIndex(u => new { u.TenantId, u.ServedAt });
    }
}
