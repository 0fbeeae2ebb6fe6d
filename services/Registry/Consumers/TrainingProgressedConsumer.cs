using MassTransit;
using Platform.Contracts.Training;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

public sealed class TrainingProgressedConsumer(RegistryDbContext db, DeploymentPipeline pipeline) : InboxConsumer<TrainingProgressed, RegistryDbContext>(db)
{
    protected override Task HandleAsync(TrainingProgressed message, ConsumeContext<TrainingProgressed> context) =>
        pipeline.RecordProgressAsync(message, context.CancellationToken);
}
