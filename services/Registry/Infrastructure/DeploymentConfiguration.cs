using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Registry.Domain;

namespace Platform.Registry.Infrastructure;

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> builder)
    {
        builder.ToTable("deployments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.Solution).HasMaxLength(100);
        builder.Property(d => d.DatasetName).HasMaxLength(200);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.DefaultTreatment).HasMaxLength(20).HasDefaultValue("drop");
        builder.Property(d => d.TreatmentsJson).HasColumnType("jsonb");
        builder.Ignore(d => d.Treatments);
        builder.OwnsOne(d => d.Spec, spec => spec.ToJson());
        builder.OwnsOne(d => d.LiveQuality, quality => quality.ToJson());
        builder.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.DatasetName });
        // Concurrent runs of one deployment are refused by the row version, not by hope.
        builder.Property<uint>("xmin").IsRowVersion();
    }
}
