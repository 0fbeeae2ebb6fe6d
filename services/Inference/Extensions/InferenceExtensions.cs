using Platform.Contracts;
using Platform.Inference.Infrastructure;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Inference.Extensions;

public static class InferenceExtensions
{
    public static IHostApplicationBuilder AddInference(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InferenceDbContext>(ResourceNames.Inference);
        builder.AddServiceMessaging(ResourceNames.Inference);
        return builder;
    }
}
