using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Registry.Domain;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Registry.Infrastructure;

internal sealed class RetrainingPolicyConfiguration : IEntityTypeConfiguration<RetrainingPolicy>
{
    public void Configure(EntityTypeBuilder<RetrainingPolicy> builder)
    {
        builder.ToTable("retraining_policies");
        builder.HasKey(p => p.DeploymentId);
        builder.HasIndex(p => p.TenantId);
    }
}

internal sealed class RetrainingEpisodeConfiguration : IEntityTypeConfiguration<RetrainingEpisode>
{
    public void Configure(EntityTypeBuilder<RetrainingEpisode> builder)
    {
        builder.ToTable("retraining_episodes");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Trigger).HasMaxLength(40);
        builder.Property(e => e.TriggerDetail).HasMaxLength(2000);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Property(e => e.TraceId).HasMaxLength(32);
        builder.Property(e => e.ChampionMetrics).AsJsonbMetrics();
        builder.Property(e => e.ChallengerMetrics).AsJsonbMetrics();
        builder.HasIndex(e => new { e.TenantId, e.DeploymentId, e.StartedAt });
        // Concurrent steps of one episode: the later writer fails and is redelivered. (Two triggers
        // opening episodes at once conflict on the deployment's row instead: opening one writes it.)
        builder.Property<uint>("xmin").IsRowVersion();
    }
}
