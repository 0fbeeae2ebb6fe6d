using MassTransit;
using Platform.Contracts.Training;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

public sealed class TrainingFailedConsumer(RegistryDbContext db, DeploymentPipeline pipeline) : InboxConsumer<TrainingFailed, RegistryDbContext>(db)
{
    protected override Task HandleAsync(TrainingFailed message, ConsumeContext<TrainingFailed> context) =>
        pipeline.RecordTrainingFailedAsync(message, context.CancellationToken);
}
