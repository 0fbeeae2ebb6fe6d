using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Ingestion.Domain;

namespace Platform.Ingestion.Infrastructure;

internal sealed class DatasetVersionConfiguration : IEntityTypeConfiguration<DatasetVersion>
{
    public void Configure(EntityTypeBuilder<DatasetVersion> builder)
    {
        builder.ToTable("dataset_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(v => v.Uri).HasMaxLength(512);
        builder.Property(v => v.TargetColumn).HasMaxLength(256);
        builder.Property(v => v.ProfileJson).HasColumnType("jsonb");
        builder.Property(v => v.TreatmentJson).HasColumnType("jsonb");
        builder.Ignore(v => v.Treatment);
        // Concurrent identical uploads race here, not past it.
        builder.HasIndex(v => new { v.DatasetId, v.Sha256 }).IsUnique();
        builder.HasIndex(v => new { v.DatasetId, v.Number }).IsUnique();
    }
}
