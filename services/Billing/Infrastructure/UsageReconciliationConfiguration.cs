using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Billing.Domain;

namespace Platform.Billing.Infrastructure;

internal sealed class UsageReconciliationConfiguration : IEntityTypeConfiguration<UsageReconciliation>
{
    public void Configure(EntityTypeBuilder<UsageReconciliation> builder)
    {
        builder.ToTable("usage_reconciliations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        // Re-sent parts of one reconciliation may be applied by two replicas at once: the loser re-reads.
        builder.Property<uint>("xmin").IsRowVersion();
        builder.Ignore(r => r.Matched);
        builder.HasIndex(r => new { r.TenantId, r.ReconciledAt });
        builder.HasMany(r => r.Gaps).WithOne().HasForeignKey(g => g.ReconciliationId).OnDelete(DeleteBehavior.Cascade);
    }
}
