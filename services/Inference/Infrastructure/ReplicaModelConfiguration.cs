using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

internal sealed class ReplicaModelConfiguration : IEntityTypeConfiguration<ReplicaModel>
{
    public void Configure(EntityTypeBuilder<ReplicaModel> builder)
    {
        builder.ToTable("replica_models");
        builder.HasKey(m => new { m.ReplicaId, m.TenantId, m.DeploymentName });
        builder.Property(m => m.DeploymentName).HasMaxLength(100);
        // "Who serves this deployment's version" is the question asked.
        builder.HasIndex(m => new { m.TenantId, m.DeploymentName, m.ModelVersionId });
    }
}
