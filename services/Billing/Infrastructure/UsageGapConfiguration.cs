using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Billing.Domain;

namespace Platform.Billing.Infrastructure;

internal sealed class UsageGapConfiguration : IEntityTypeConfiguration<UsageGap>
{
    public void Configure(EntityTypeBuilder<UsageGap> builder)
    {
        builder.ToTable("usage_reconciliation_gaps");
        builder.HasKey(g => new { g.ReconciliationId, g.DeploymentName, g.HourStart });
        builder.Property(g => g.DeploymentName).HasMaxLength(200);
        builder.Property(g => g.Action).HasConversion<string>().HasMaxLength(20);
    }
}
