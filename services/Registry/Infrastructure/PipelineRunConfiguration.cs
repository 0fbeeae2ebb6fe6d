using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Registry.Domain;

namespace Platform.Registry.Infrastructure;

internal sealed class PipelineRunConfiguration : IEntityTypeConfiguration<PipelineRun>
{
    public void Configure(EntityTypeBuilder<PipelineRun> builder)
    {
        builder.ToTable("pipeline_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Trigger).HasMaxLength(40);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(2000);
        builder.HasIndex(r => new { r.TenantId, r.DeploymentId });
        // The watchdog's look-up: runs still in progress (few), by when they last moved.
        builder.HasIndex(r => r.ProgressedAt).HasFilter("\"State\" IN ('Training', 'Compressing')").HasDatabaseName("ix_pipeline_runs_in_progress");
        builder.Property<uint>("xmin").IsRowVersion();
    }
}
