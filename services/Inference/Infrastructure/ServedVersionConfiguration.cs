using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

internal sealed class ServedVersionConfiguration : IEntityTypeConfiguration<ServedVersion>
{
    public void Configure(EntityTypeBuilder<ServedVersion> builder)
    {
        builder.ToTable("served_versions");
        builder.HasKey(v => v.ModelVersionId);
        builder.Property(v => v.DeploymentName).HasMaxLength(100);
        builder.Property(v => v.Technique).HasMaxLength(50);
        builder.Property(v => v.ModelUri).HasMaxLength(512);
        builder.Property(v => v.ModelSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(v => v.InputTreatmentJson).HasColumnType("jsonb");
        builder.Ignore(v => v.Deployment);
        builder.Ignore(v => v.Model);
        builder.Ignore(v => v.InputTreatment);
        // A request pins "v3" of its deployment: the number is unique within it.
        builder.HasIndex(v => new { v.TenantId, v.DeploymentName, v.Number }).IsUnique();
    }
}
