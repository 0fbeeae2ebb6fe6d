using Platform.Contracts;
using Platform.Ingestion.Consumers;
using Platform.Ingestion.Infrastructure;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Ingestion.Extensions;

public static class IngestionExtensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IngestionDbContext>(ResourceNames.Ingestion);
        builder.AddServiceMessaging(ResourceNames.Ingestion, bus =>
        {
            bus.AddConsumer<AppendDatasetRowsConsumer>();
            bus.AddConsumer<TreatDatasetConsumer>();
        });

        builder.AddArtifactStore();
        builder.Services.AddScoped<DerivedVersions>();
        builder.Services.AddOptions<UploadLimits>()
            .BindConfiguration(UploadLimits.Section)
            .Validate(o => o.MaxUploadBytes > 0, "Ingestion:Limits:MaxUploadBytes must be positive")
            .Validate(o => o.MaxColumns > 0, "Ingestion:Limits:MaxColumns must be positive")
            // Beyond this the reader's byte bound (3 per character) would overflow an array.
            .Validate(o => o.MaxFieldCharacters is > 0 and <= int.MaxValue / 3, "Ingestion:Limits:MaxFieldCharacters must be between 1 and 715,827,882")
            .Validate(o => o.MaxRows > 0, "Ingestion:Limits:MaxRows must be positive")
            .Validate(o => o.MaxImages > 0, "Ingestion:Limits:MaxImages must be positive")
            .Validate(o => o.MaxImageSourcePixels > 0, "Ingestion:Limits:MaxImageSourcePixels must be positive")
            .ValidateOnStart();
        return builder;
    }
}
