using MassTransit;
using Platform.Contracts.Training;
using Platform.Training.Domain;

namespace Platform.Training.Consumers;

public sealed class TrainModelConsumer(TrainingJob job) : IConsumer<TrainModel>
{
    public Task Consume(ConsumeContext<TrainModel> context) => job.RunAsync(context.Message, context, context.CancellationToken);
}

/// <summary>
/// Training is long and CPU-bound: one job per worker (prefetch 1), so more workers mean more
/// throughput, and a worker killed mid-job leaves its command to be redelivered to another.
/// </summary>
public sealed class TrainModelConsumerDefinition : ConsumerDefinition<TrainModelConsumer>
{
    public TrainModelConsumerDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TrainModelConsumer> consumer, IRegistrationContext context)
    {
        endpoint.PrefetchCount = 1;
    }
}
