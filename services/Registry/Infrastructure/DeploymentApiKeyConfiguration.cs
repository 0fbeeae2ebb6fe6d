using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Registry.Domain;

namespace Platform.Registry.Infrastructure;

internal sealed class DeploymentApiKeyConfiguration : IEntityTypeConfiguration<DeploymentApiKey>
{
    public void Configure(EntityTypeBuilder<DeploymentApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(k => k.Sha256).IsUnique();
        builder.HasIndex(k => new { k.TenantId, k.DeploymentId });
    }
}
