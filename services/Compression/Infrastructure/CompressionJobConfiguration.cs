using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Compression.Domain;

namespace Platform.Compression.Infrastructure;

internal sealed class CompressionJobConfiguration : IEntityTypeConfiguration<CompressionJobRecord>
{
    public void Configure(EntityTypeBuilder<CompressionJobRecord> builder)
    {
        builder.ToTable("compression_jobs");
        builder.HasKey(j => j.ModelVersionId);
        builder.Property(j => j.ModelVersionId).ValueGeneratedNever();
        builder.Property(j => j.FailureReason).HasMaxLength(2000);
        builder.Property(j => j.NotMade).HasMaxLength(1000);
        builder.OwnsMany(j => j.Variants, v => v.ToJson());
        builder.HasIndex(j => new { j.TenantId, j.StartedAt });
    }
}
