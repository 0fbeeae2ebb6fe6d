using Platform.Contracts;
using Platform.Training.Infrastructure;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Training.Extensions;

public static class TrainingExtensions
{
    public static IHostApplicationBuilder AddTraining(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TrainingDbContext>(ResourceNames.Training);
        builder.AddServiceMessaging(ResourceNames.Training);
        return builder;
    }
}
