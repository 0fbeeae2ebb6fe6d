using MassTransit;
using Platform.Contracts;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;
using Platform.Training.Consumers;
using Platform.Training.Domain;
using Platform.Training.Infrastructure;

namespace Platform.Training.Extensions;

public static class TrainingExtensions
{
    public static IHostApplicationBuilder AddTraining(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TrainingDbContext>(ResourceNames.Training);
        builder.AddServiceMessaging(ResourceNames.Training, bus => bus.AddConsumer<TrainModelConsumer, TrainModelConsumerDefinition>());
        builder.AddArtifactStore();
        builder.Services.AddOptions<TrainingMemory>()
            .BindConfiguration(TrainingMemory.Section)
            // Beyond this the budget in bytes would pass what one process could address anyway.
            .Validate(o => o.MemoryBudgetMiB is > 0 and <= 1 << 20, "Training:MemoryBudgetMiB must be between 1 and 1,048,576")
            .ValidateOnStart();
        builder.Services.AddScoped<TrainingJob>();
        return builder;
    }
}
