using MassTransit;
using Platform.Compression.Consumers;
using Platform.Compression.Domain;
using Platform.Compression.Infrastructure;
using Platform.Contracts;
using Platform.Modeling.Images;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Compression.Extensions;

public static class CompressionExtensions
{
    public static IHostApplicationBuilder AddCompression(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CompressionDbContext>(ResourceNames.Compression);
        builder.AddServiceMessaging(ResourceNames.Compression, bus => bus.AddConsumer<CompressModelConsumer, CompressModelConsumerDefinition>());
        builder.AddArtifactStore();
        builder.Services.AddOptions<CompressionMemory>()
            .BindConfiguration(CompressionMemory.Section)
            // Beyond this the budget in bytes would pass what one process could address anyway.
            .Validate(o => o.MemoryBudgetMiB is > 0 and <= 1 << 20, "Compression:MemoryBudgetMiB must be between 1 and 1,048,576")
            .ValidateOnStart();
        // How an image CNN's distilled student is trained (ADR 34); its widths are 0.7 of its teacher's (ImagePruner.Keep).
        builder.Services.AddOptions<ImageCnnOptions>()
            .BindConfiguration($"{CompressionMemory.Section}:Images")
            .Validate(o => o.IsValid, $"{CompressionMemory.Section}:Images {ImageCnnOptions.Requirement}")
            .ValidateOnStart();
        builder.Services.AddScoped<CompressionJob>();
        return builder;
    }
}
