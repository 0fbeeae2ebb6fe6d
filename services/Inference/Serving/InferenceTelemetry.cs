using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Inference.Serving;

/// <summary>Inference's instruments on the platform meter, named after OpenTelemetry's conventions.</summary>
public static class InferenceTelemetry
{
    public const string DeploymentTag = "platform.deployment.name";
    public const string ModelVersionTag = "platform.model.version_id";
    public const string FeatureTag = "platform.feature.name";

    // The last closed window's PSI per (tenant, deployment, feature): a gauge reads it at export time.
    private static readonly ConcurrentDictionary<(Guid Tenant, string Deployment, string Feature), double> LatestPsi = new();

    public static readonly Counter<long> Predictions = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.inference.predictions", unit: "{prediction}", description: "Instances scored and billed");

    public static readonly Histogram<double> PredictDuration = PlatformTelemetry.Meter.CreateHistogram<double>(
        "platform.inference.predict.duration", unit: "s", description: "Time to answer a successful predict request, metering included");

    public static readonly Histogram<int> CommitGroupSize = PlatformTelemetry.Meter.CreateHistogram<int>(
        "platform.inference.commit.group_size", unit: "{request}", description: "Predict requests committed in one transaction (group commit)");

    public static readonly Counter<long> ModelsEvicted = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.inference.models.evicted", unit: "{model}", description: "Models unloaded to keep the replica within its memory budget (least recently used first)");

    public static readonly Counter<long> DriftWindowsDropped = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.inference.drift.windows_dropped", unit: "{window}", description: "Closed drift windows dropped because too many were waiting to be recorded");

    public static readonly ObservableGauge<double> Psi = PlatformTelemetry.Meter.CreateObservableGauge(
        "platform.inference.drift.psi",
        () => LatestPsi.Select(kv => new Measurement<double>(kv.Value, new TagList
        {
            { DeploymentTag, kv.Key.Deployment }, { FeatureTag, kv.Key.Feature }, { "platform.tenant.id", kv.Key.Tenant },
        })),
        unit: "1", description: "Population stability index of each feature in the deployment's last closed drift window");

    public static readonly Counter<long> FeedbackLabels = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.inference.feedback.labels", unit: "{label}", description: "Ground-truth labels joined to served predictions");

    public static void RecordPsi(ClosedWindow window)
    {
        for (var f = 0; f < window.Features.Count; f++)
            LatestPsi[(window.Deployment.TenantId, window.Deployment.Name, window.Features[f])] = window.Psi[f];
    }
}
