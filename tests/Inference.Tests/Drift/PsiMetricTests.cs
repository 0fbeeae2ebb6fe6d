using System.Diagnostics.Metrics;
using Platform.Inference.Domain;
using Platform.Inference.Serving;
using Platform.Tabular.Drift;

namespace Platform.Inference.Tests.Drift;

public sealed class PsiMetricTests
{
    [Fact]
    public void A_closed_windows_psi_is_exported_per_deployment_and_feature()
    {
        var deployment = new DeploymentKey(Guid.NewGuid(), $"metric-{Guid.NewGuid():N}");
        var window = new ClosedWindow(deployment, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, 500,
            ["Income", "Home"], [0.42, 0.03], new DriftVerdict([0], OpensEpisode: true), DriftSettings.Default);
        InferenceTelemetry.RecordPsi(window);

        var seen = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "platform.inference.drift.psi") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            if (tagged[InferenceTelemetry.DeploymentTag] == deployment.Name) seen[tagged[InferenceTelemetry.FeatureTag]!] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(0.42, seen["Income"]);
        Assert.Equal(0.03, seen["Home"]);
    }
}
