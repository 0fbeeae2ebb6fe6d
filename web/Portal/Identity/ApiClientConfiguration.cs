using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Portal.Identity;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("api_clients");
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.ClientId).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => c.TenantId);
    }
}
