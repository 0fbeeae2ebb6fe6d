using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Inference.Serving;

/// <summary>Inference's instruments on the platform meter, named after OpenTelemetry's conventions.</summary>
public static class InferenceTelemetry
{
    public const string DeploymentTag = "platform.deployment.name";
    public const string ModelVersionTag = "platform.model.version_id";

    public static readonly Counter<long> Predictions = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.inference.predictions", unit: "{prediction}", description: "Instances scored and billed");

    public static readonly Histogram<double> PredictDuration = PlatformTelemetry.Meter.CreateHistogram<double>(
        "platform.inference.predict.duration", unit: "s", description: "Time to answer a successful predict request, metering included");
}
