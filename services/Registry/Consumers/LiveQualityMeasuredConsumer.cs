using MassTransit;
using Platform.Contracts.Inference;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

public sealed class LiveQualityMeasuredConsumer(RegistryDbContext db, RetrainingLoop retraining) : InboxConsumer<LiveQualityMeasured, RegistryDbContext>(db)
{
    protected override Task HandleAsync(LiveQualityMeasured message, ConsumeContext<LiveQualityMeasured> context) =>
        retraining.OnQualityAsync(message, context.CancellationToken);
}
