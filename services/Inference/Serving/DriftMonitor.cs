using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;

namespace Platform.Inference.Serving;

/// <summary>
/// Watches every served row for drift against the serving model's reference: rows are binned into
/// the deployment's open window as they are answered, and a closed window goes to a channel that
/// <see cref="DriftWindowRecorder"/> records and reports, so a request never waits on the database
/// for it. A promotion starts a new window (and new episodes) for the new model.
/// </summary>
public sealed class DriftMonitor(IOptions<InferenceOptions> options, TimeProvider clock)
{
    // Bounded: while the database is away the recorder cannot keep up, and memory must not grow
    // with the outage. A full channel drops the newest window (counted), never blocks a request.
    private readonly ConcurrentDictionary<DeploymentKey, DriftWindow> _windows = new();
    private readonly ConcurrentDictionary<DeploymentKey, DriftSettings> _settings = new();
    private readonly Channel<ClosedWindow> _closed = Channel.CreateBounded<ClosedWindow>(
        new BoundedChannelOptions(options.Value.MaxPendingDriftWindows) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<ClosedWindow> Closed => _closed.Reader;

    public void Observe(LoadedModel model, FeatureBatch batch, DriftSettings settings)
    {
        if (model.Drift is not { } reference || !options.Value.DriftMonitoring) return;
        var now = clock.GetUtcNow();
        // The common case, this model's window already open, allocates nothing.
        if (!_windows.TryGetValue(model.Deployment, out var window) || !ReferenceEquals(window.Model, model))
        {
            // During a swap, requests that leased the old model still finish: they must not replace
            // the new model's window (and its streaks), only a model of a later revision may.
            window = _windows.AddOrUpdate(
                model.Deployment,
                _ => new DriftWindow(model, reference, now),
                (_, open) => ReferenceEquals(open.Model, model) || open.Model.Revision > model.Revision ? open : new DriftWindow(model, reference, now));
            if (!ReferenceEquals(window.Model, model)) return;
        }
        if (!_settings.TryGetValue(model.Deployment, out var known) || !ReferenceEquals(known, settings)) _settings[model.Deployment] = settings;
        if (window.Add(batch, settings, now) is { } closed) Publish(closed);
    }

    /// <summary>Closes the windows that have been open for their policy's time with enough rows.</summary>
    public void CloseAged()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, window) in _windows)
        {
            var settings = _settings.GetValueOrDefault(key, DriftSettings.Default);
            if (window.CloseIfAged(settings, options.Value.MinTimedWindowRows, now) is { } closed) Publish(closed);
        }
    }

    private void Publish(ClosedWindow closed)
    {
        // With FullMode.Wait, TryWrite refuses instead of waiting, so the drop is seen and counted.
        if (!_closed.Writer.TryWrite(closed))
            InferenceTelemetry.DriftWindowsDropped.Add(1, new KeyValuePair<string, object?>(InferenceTelemetry.DeploymentTag, closed.Deployment.Name));
    }
}
