using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Persistence;
using Platform.Registry.Domain;

namespace Platform.Registry.Infrastructure;

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.ToTable("model_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Technique).HasMaxLength(40);
        // Versions registered before families existed are MLPs.
        builder.Property(v => v.Family).HasMaxLength(40).HasDefaultValue("mlp");
        builder.Property(v => v.BaseModel).HasMaxLength(100);
        builder.OwnsMany(v => v.Candidates, c => c.ToJson());
        builder.Property(v => v.ArtifactUri).HasMaxLength(512);
        builder.Property(v => v.ArtifactSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(v => v.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.PromotionRefusal).HasMaxLength(1000);
        builder.Property(v => v.Metrics).AsJsonbMetrics();
        builder.Property(v => v.FeatureImportance).AsJsonbMetrics();
        builder.Property(v => v.ReferenceUri).HasMaxLength(512);
        builder.Property(v => v.ReferenceSha256).HasMaxLength(64).IsFixedLength();
        builder.OwnsOne(v => v.Spec, spec => spec.ToJson());
        builder.OwnsOne(v => v.Compression, c => c.ToJson());
        builder.HasIndex(v => new { v.TenantId, v.DeploymentId, v.Number }).IsUnique();
        builder.HasIndex(v => v.RunId);
    }
}
