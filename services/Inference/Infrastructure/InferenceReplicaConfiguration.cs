using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

internal sealed class InferenceReplicaConfiguration : IEntityTypeConfiguration<InferenceReplica>
{
    public void Configure(EntityTypeBuilder<InferenceReplica> builder)
    {
        builder.ToTable("replicas");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Host).HasMaxLength(200);
        builder.HasMany<ReplicaModel>().WithOne().HasForeignKey(m => m.ReplicaId).OnDelete(DeleteBehavior.Cascade);
    }
}
