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
        builder.AddServiceMessaging(ResourceNames.Ingestion, bus => bus.AddConsumer<AppendDatasetRowsConsumer>());

        builder.AddArtifactStore();
        return builder;
    }
}
