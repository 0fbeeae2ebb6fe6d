using Platform.Contracts;
using Platform.Registry.Consumers;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Registry.Extensions;

public static class RegistryExtensions
{
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<RegistryDbContext>(ResourceNames.Registry);
        builder.AddServiceMessaging(ResourceNames.Registry, bus =>
        {
            bus.AddConsumer<DatasetVersionCreatedConsumer>();
            bus.AddConsumer<TrainingProgressedConsumer>();
            bus.AddConsumer<ModelTrainedConsumer>();
            bus.AddConsumer<BaseModelRegisteredConsumer>();
            bus.AddConsumer<TrainingFailedConsumer>();
            bus.AddConsumer<ModelCompressedConsumer>();
            bus.AddConsumer<CompressionFailedConsumer>();
            bus.AddConsumer<DriftDetectedConsumer>();
            bus.AddConsumer<LiveQualityMeasuredConsumer>();
            bus.AddConsumer<DatasetDerivationFailedConsumer>();
            bus.AddConsumer<ApiKeysUsedConsumer>();
        });
        builder.Services.AddScoped<DeploymentPipeline>();
        builder.Services.AddScoped<RetrainingLoop>();
        builder.Services.AddOptions<RunWatchdogOptions>().BindConfiguration(RunWatchdogOptions.Section)
            .Validate(o => o.TrainingStalledAfter > TimeSpan.Zero && o.CompressionStalledAfter > TimeSpan.Zero && o.CheckInterval > TimeSpan.Zero,
                "Runs:TrainingStalledAfter, Runs:CompressionStalledAfter and Runs:CheckInterval must be positive")
            .ValidateOnStart();
        builder.Services.AddScoped<StalledRuns>();
        builder.Services.AddHostedService<RunWatchdog>();
        return builder;
    }
}
