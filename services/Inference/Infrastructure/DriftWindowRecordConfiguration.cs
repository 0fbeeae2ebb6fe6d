using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Inference.Infrastructure;

internal sealed class DriftWindowRecordConfiguration : IEntityTypeConfiguration<DriftWindowRecord>
{
    public void Configure(EntityTypeBuilder<DriftWindowRecord> builder)
    {
        builder.ToTable("drift_windows");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.DeploymentName).HasMaxLength(100);
        builder.Property(w => w.Psi).AsJsonbMetrics();
        builder.HasIndex(w => new { w.TenantId, w.DeploymentName, w.WindowEnd });
    }
}
