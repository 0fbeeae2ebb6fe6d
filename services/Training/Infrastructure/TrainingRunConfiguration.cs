using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Persistence;
using Platform.Training.Domain;

namespace Platform.Training.Infrastructure;

internal sealed class TrainingRunConfiguration : IEntityTypeConfiguration<TrainingRun>
{
    public void Configure(EntityTypeBuilder<TrainingRun> builder)
    {
        builder.ToTable("training_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TargetColumn).HasMaxLength(200);
        builder.Property(r => r.PositiveClass).HasMaxLength(200);
        builder.Property(r => r.FailureReason).HasMaxLength(2000);
        builder.Property(r => r.ModelUri).HasMaxLength(512);
        builder.Property(r => r.ModelSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(r => r.Metrics).AsJsonbMetrics();
        builder.Property(r => r.Family).HasMaxLength(40);
        builder.OwnsMany(r => r.Candidates, c => c.ToJson());
        builder.HasIndex(r => new { r.TenantId, r.StartedAt });
    }
}
