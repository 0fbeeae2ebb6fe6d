using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.ServiceDefaults.Access;

internal sealed class RevokedCredentialConfiguration : IEntityTypeConfiguration<RevokedCredential>
{
    public void Configure(EntityTypeBuilder<RevokedCredential> builder)
    {
        builder.ToTable("revoked_credentials");
        builder.HasKey(r => r.Subject);
        builder.Property(r => r.Subject).HasMaxLength(200);
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.HasIndex(r => r.RevokedAt);
    }
}
