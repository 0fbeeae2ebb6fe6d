using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.ServiceDefaults.Tenancy;

internal sealed class KnownTenantConfiguration : IEntityTypeConfiguration<KnownTenant>
{
    public void Configure(EntityTypeBuilder<KnownTenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Plan).HasMaxLength(100);
    }
}
