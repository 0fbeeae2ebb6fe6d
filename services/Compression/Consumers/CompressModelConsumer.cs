using MassTransit;
using Platform.Compression.Domain;
using Platform.Contracts.Compression;

namespace Platform.Compression.Consumers;

public sealed class CompressModelConsumer(CompressionJob job) : IConsumer<CompressModel>
{
    public Task Consume(ConsumeContext<CompressModel> context) => job.RunAsync(context.Message, context.CancellationToken);
}

/// <summary>One job per worker (prefetch 1): measuring latency on a busy worker would measure the other job.</summary>
public sealed class CompressModelConsumerDefinition : ConsumerDefinition<CompressModelConsumer>
{
    public CompressModelConsumerDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<CompressModelConsumer> consumer, IRegistrationContext context)
    {
        endpoint.PrefetchCount = 1;
    }
}
