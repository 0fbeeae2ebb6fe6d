using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

internal sealed class ServedDeploymentConfiguration : IEntityTypeConfiguration<ServedDeployment>
{
    public void Configure(EntityTypeBuilder<ServedDeployment> builder)
    {
        builder.ToTable("deployments");
        builder.HasKey(d => new { d.TenantId, d.Name });
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.Solution).HasMaxLength(100);
        builder.OwnsMany(d => d.ApiKeys, key => key.ToJson());
        builder.Property(d => d.ModelUri).HasMaxLength(512);
        builder.Property(d => d.ModelSha256).HasMaxLength(64).IsFixedLength();
        // Two messages changing one deployment at once: the later writer fails and is redelivered.
        builder.Property(d => d.Revision).IsConcurrencyToken();
        builder.Ignore(d => d.Key);
        builder.Ignore(d => d.Model);
        builder.Property(d => d.InputTreatmentJson).HasColumnType("jsonb");
        builder.Ignore(d => d.InputTreatment);
    }
}
