using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.ServiceDefaults.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        // Publication order is commit order within a service, kept by an identity column.
        builder.Property(m => m.Sequence).UseIdentityAlwaysColumn();
        builder.Property(m => m.MessageType).HasMaxLength(512);
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.TraceParent).HasMaxLength(128);
        // The dispatcher's queue: what is neither sent nor quarantined, in order.
        builder.HasIndex(m => m.Sequence, "ix_outbox_pending").HasFilter("\"DispatchedAt\" IS NULL AND \"QuarantinedAt\" IS NULL");
        // Few rows, counted every minute and listed for the operator.
        builder.HasIndex(m => m.Sequence, "ix_outbox_quarantined").HasFilter("\"QuarantinedAt\" IS NOT NULL");
    }
}
