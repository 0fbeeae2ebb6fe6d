using MassTransit;
using Platform.Contracts;
using Platform.Modeling.Images;
using Platform.Modeling.Text;
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
        // How a text model is fine-tuned (ADR 32); a test run may ask for shorter texts and fewer epochs.
        builder.Services.AddOptions<TextModelOptions>()
            .BindConfiguration($"{TrainingMemory.Section}:Text")
            .Validate(o => o.MaxTokens is >= 8 and <= 512 && o.Epochs >= 1 && o.BatchSize >= 1 && o.Threads >= 1, "Training:Text needs MaxTokens 8–512 and at least one epoch, text per batch and thread")
            .ValidateOnStart();
        // How an image CNN is trained (ADR 34): the demo trains the recipe; a test run asks for fewer epochs and channels.
        builder.Services.AddOptions<ImageCnnOptions>()
            .BindConfiguration($"{TrainingMemory.Section}:Images")
            .Validate(o => o.IsValid, $"{TrainingMemory.Section}:Images {ImageCnnOptions.Requirement}")
            .ValidateOnStart();
        builder.Services.AddScoped<TrainingJob>();
        builder.Services.AddHostedService<BaseModelAnnouncer>();
        return builder;
    }
}
