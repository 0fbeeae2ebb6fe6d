using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Registry.Domain;

namespace Platform.Registry.Infrastructure;

internal sealed class BaseModelConfiguration : IEntityTypeConfiguration<BaseModel>
{
    public void Configure(EntityTypeBuilder<BaseModel> builder)
    {
        builder.ToTable("base_models");
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.Licence).HasMaxLength(100);
        builder.Property(m => m.Source).HasMaxLength(200);
        builder.Property(m => m.Tokenizer).HasMaxLength(100);
    }
}
