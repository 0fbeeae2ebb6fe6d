using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>The platform's own activity source and meter, registered with OpenTelemetry in every host.</summary>
public static class PlatformTelemetry
{
    public const string Name = "Platform";

    public static readonly ActivitySource ActivitySource = new(Name);
    public static readonly Meter Meter = new(Name);
}
