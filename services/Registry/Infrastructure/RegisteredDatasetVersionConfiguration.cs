using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Registry.Domain;

namespace Platform.Registry.Infrastructure;

internal sealed class RegisteredDatasetVersionConfiguration : IEntityTypeConfiguration<RegisteredDatasetVersion>
{
    public void Configure(EntityTypeBuilder<RegisteredDatasetVersion> builder)
    {
        builder.ToTable("dataset_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.DatasetName).HasMaxLength(200);
        builder.Property(v => v.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(v => v.Uri).HasMaxLength(512);
        builder.Property(v => v.TraceId).HasMaxLength(32);
        builder.Property(v => v.TreatmentJson).HasColumnType("jsonb");
        builder.Property(v => v.PersonalDataJson).HasColumnType("jsonb");
        builder.Ignore(v => v.Treatment);
        builder.Ignore(v => v.PersonalData);
        builder.HasIndex(v => new { v.TenantId, v.DatasetName });
        builder.HasIndex(v => v.DatasetVersionId);
    }
}
