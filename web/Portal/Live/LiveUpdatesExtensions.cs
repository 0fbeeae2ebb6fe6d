using MassTransit;
using Platform.Contracts.Compression;
using Platform.Contracts.Datasets;
using Platform.Contracts.Inference;
using Platform.Contracts.Registry;
using Platform.Contracts.Training;

namespace Platform.Portal.Live;

public static class LiveUpdatesExtensions
{
    /// <summary>
    /// Every portal instance takes its own copy of the pipeline's events on a temporary queue (it
    /// goes with the instance): a page's state comes from the services' APIs when it opens, and
    /// events only move it forward while it is open, so nothing is lost when no page listens.
    /// </summary>
    public static void AddLiveUpdates(this IBusRegistrationConfigurator bus)
    {
        var queue = $"portal-live-{Guid.NewGuid():N}";
        void Add<TMessage>() where TMessage : class, Contracts.IPlatformMessage =>
            bus.AddConsumer<LiveUpdateConsumer<TMessage>>().Endpoint(e =>
            {
                e.Name = queue;
                e.Temporary = true;
            });

        Add<DatasetVersionCreated>();
        Add<TrainingProgressed>();
        Add<ModelTrained>();
        Add<TrainingFailed>();
        Add<ModelCompressed>();
        Add<CompressionFailed>();
        Add<ModelPromoted>();
        Add<ModelLoaded>();
    }
}
