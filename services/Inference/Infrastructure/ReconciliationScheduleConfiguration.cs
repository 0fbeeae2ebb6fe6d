using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

internal sealed class ReconciliationScheduleConfiguration : IEntityTypeConfiguration<ReconciliationSchedule>
{
    public void Configure(EntityTypeBuilder<ReconciliationSchedule> builder)
    {
        builder.ToTable("reconciliation_schedule");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        // Due at once: a new database reconciles when the first replica starts.
        builder.HasData(new ReconciliationSchedule { Id = ReconciliationSchedule.SingleRowId, NextRunAt = DateTimeOffset.UnixEpoch });
    }
}
