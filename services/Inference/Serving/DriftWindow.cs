using Platform.Inference.Domain;
using Platform.Tabular.Drift;

namespace Platform.Inference.Serving;

/// <summary>
/// The open drift window of one deployment's current model: streaming bin counts (features × bins,
/// whatever the traffic) and the episode state across windows. Adds are serialized by a lock held
/// for the binning of one batch only; closing hands the counts over and starts a fresh window.
/// </summary>
internal sealed class DriftWindow(LoadedModel model, DriftReference reference, DateTimeOffset openedAt)
{
    private readonly Lock _lock = new();
    private BinCounts _counts = new(reference.Statistics);
    private DriftEpisodes? _episodes;
    private DateTimeOffset _start = openedAt;

    public LoadedModel Model { get; } = model;

    public ClosedWindow? Add(FeatureBatch batch, DriftSettings settings, DateTimeOffset now)
    {
        lock (_lock)
        {
            for (var f = 0; f < reference.Columns.Length; f++)
            {
                switch (batch.Columns[reference.Columns[f]])
                {
                    case NumericColumn numeric: _counts.AddNumeric(f, numeric.Values); break;
                    case CategoricalColumn categorical: _counts.AddCategorical(f, categorical.Values!); break;
                    case ImageColumn image: _counts.AddNumeric(f, image.Statistics[reference.ImageStatistics[f]!]); break;
                }
            }
            _counts.AddRows(batch.Count);
            return _counts.Rows >= settings.WindowRows ? Close(settings, now) : null;
        }
    }

    /// <summary>Closes a window that is old enough and has enough rows for its PSI to mean something.</summary>
    public ClosedWindow? CloseIfAged(DriftSettings settings, long minRows, DateTimeOffset now)
    {
        lock (_lock)
        {
            return now - _start >= TimeSpan.FromSeconds(settings.WindowSeconds) && _counts.Rows >= minRows ? Close(settings, now) : null;
        }
    }

    private ClosedWindow Close(DriftSettings settings, DateTimeOffset now)
    {
        // A policy change applies from the next verdict on; the streaks so far were against the old threshold.
        if (_episodes is null || _episodes.Threshold != settings.PsiThreshold || _episodes.ConsecutiveWindows != settings.ConsecutiveWindows)
            _episodes = new DriftEpisodes(settings.PsiThreshold, settings.ConsecutiveWindows);
        var psi = _counts.Psi();
        var verdict = _episodes.Evaluate(psi);
        var closed = new ClosedWindow(
            Model.Deployment, Model.ModelVersionId, _start, now, _counts.Rows,
            reference.Statistics.Features.Select(f => f.Name).ToArray(), psi, verdict, settings);
        _counts = new BinCounts(reference.Statistics);
        _start = now;
        return closed;
    }
}

/// <summary>A window's result, recorded off the request path.</summary>
public sealed record ClosedWindow(
    DeploymentKey Deployment, Guid ModelVersionId, DateTimeOffset Start, DateTimeOffset End, long Rows,
    IReadOnlyList<string> Features, double[] Psi, DriftVerdict Verdict, DriftSettings Settings);
