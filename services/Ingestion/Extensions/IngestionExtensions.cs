using Platform.Contracts;
using Platform.Ingestion.Infrastructure;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Ingestion.Extensions;

public static class IngestionExtensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IngestionDbContext>(ResourceNames.Ingestion);
        builder.AddServiceMessaging(ResourceNames.Ingestion);

        builder.Services.AddOptions<ArtifactStoreOptions>()
            .BindConfiguration(ArtifactStoreOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Artifacts:Root must name a folder")
            .ValidateOnStart();
        builder.Services.AddSingleton<ContentAddressedStore>();
        return builder;
    }
}
