using MassTransit;
using Platform.Contracts.Compression;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

public sealed class ModelCompressedConsumer(RegistryDbContext db, DeploymentPipeline pipeline) : InboxConsumer<ModelCompressed, RegistryDbContext>(db)
{
    protected override Task HandleAsync(ModelCompressed message, ConsumeContext<ModelCompressed> context) =>
        pipeline.RecordCompressedAsync(message, context.CancellationToken);
}
