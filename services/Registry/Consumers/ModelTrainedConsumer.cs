using MassTransit;
using Platform.Contracts.Training;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

public sealed class ModelTrainedConsumer(RegistryDbContext db, DeploymentPipeline pipeline) : InboxConsumer<ModelTrained, RegistryDbContext>(db)
{
    protected override Task HandleAsync(ModelTrained message, ConsumeContext<ModelTrained> context) =>
        pipeline.RecordTrainedAsync(message, context.CancellationToken);
}
