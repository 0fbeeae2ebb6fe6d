using Microsoft.Extensions.Options;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.Tabular.Drift;

namespace Platform.Inference.Tests.Drift;

public sealed class DriftMonitorTests
{
    [Fact]
    public void Closed_windows_past_the_pending_limit_are_dropped_instead_of_held_and_the_first_ones_are_kept()
    {
        var monitor = new DriftMonitor(Options.Create(new InferenceOptions { MaxPendingDriftWindows = 3 }), TimeProvider.System);
        var model = new FakeScoringModel();
        var reference = new ReferenceStatistics(1_000, [FeatureReference.FitNumeric("age", Enumerable.Range(0, 1_000).Select(i => (double)i).ToArray())]);
        var loaded = new LoadedModel(new DeploymentKey(Guid.NewGuid(), "credit-risk"), Guid.NewGuid(), 1, model, DriftReference.Match(reference, model.Signature));
        var oneRowWindows = DriftSettings.Default with { WindowRows = 1 };

        // Nobody records: the database is away. Each one-row batch closes a window.
        for (var i = 0; i < 10; i++) monitor.Observe(loaded, new FeatureBatch(1, [new NumericColumn("age", [i])]), oneRowWindows);

        Assert.Equal(3, monitor.Closed.Count);
        var kept = new List<ClosedWindow>();
        while (monitor.Closed.TryRead(out var window)) kept.Add(window);
        Assert.Equal(3, kept.Count);
        Assert.All(kept, w => Assert.Equal(1, w.Rows));
        // Once recorded, room is made again for the windows that follow.
        monitor.Observe(loaded, new FeatureBatch(1, [new NumericColumn("age", [1f])]), oneRowWindows);
        Assert.Equal(1, monitor.Closed.Count);
    }
}
