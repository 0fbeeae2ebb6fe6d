using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

internal sealed class ServedPredictionConfiguration : IEntityTypeConfiguration<ServedPrediction>
{
    public void Configure(EntityTypeBuilder<ServedPrediction> builder)
    {
        builder.ToTable("served_predictions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.DeploymentName).HasMaxLength(100);
        builder.Property(p => p.Instance).HasColumnType("jsonb");
        builder.Property(p => p.PredictedLabel).HasMaxLength(200);
        builder.Property(p => p.Label).HasMaxLength(200);
        builder.HasIndex(p => new { p.TenantId, p.DeploymentName, p.ServedAt });
        builder.HasIndex(p => new { p.TenantId, p.DeploymentName, p.ModelVersionId, p.LabelledAt });
    }
}
