using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Registry.Domain;

namespace Platform.Registry.Infrastructure;

internal sealed class RunEpochConfiguration : IEntityTypeConfiguration<RunEpoch>
{
    public void Configure(EntityTypeBuilder<RunEpoch> builder)
    {
        builder.ToTable("run_epochs");
        // Two reports of one epoch racing past the pipeline's check still leave one row: the second insert fails and is retried.
        builder.HasKey(e => new { e.RunId, e.Epoch });
    }
}
