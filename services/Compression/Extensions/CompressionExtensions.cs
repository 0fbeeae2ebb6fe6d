using Platform.Contracts;
using Platform.Compression.Infrastructure;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Compression.Extensions;

public static class CompressionExtensions
{
    public static IHostApplicationBuilder AddCompression(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CompressionDbContext>(ResourceNames.Compression);
        builder.AddServiceMessaging(ResourceNames.Compression);
        return builder;
    }
}
