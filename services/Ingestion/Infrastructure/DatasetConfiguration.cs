using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Ingestion.Domain;

namespace Platform.Ingestion.Infrastructure;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.ToTable("datasets");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
        builder.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DatasetId);
    }
}
