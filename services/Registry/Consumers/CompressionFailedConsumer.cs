using MassTransit;
using Platform.Contracts.Compression;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Registry.Consumers;

public sealed class CompressionFailedConsumer(RegistryDbContext db, DeploymentPipeline pipeline) : InboxConsumer<CompressionFailed, RegistryDbContext>(db)
{
    protected override Task HandleAsync(CompressionFailed message, ConsumeContext<CompressionFailed> context) =>
        pipeline.RecordCompressionFailedAsync(message, context.CancellationToken);
}
