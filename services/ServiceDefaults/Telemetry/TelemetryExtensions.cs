using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>
    /// Traces, metrics and logs from ASP.NET Core, HttpClient, Npgsql, MassTransit and the platform's
    /// own source; exported over OTLP when Aspire (or production) sets OTEL_EXPORTER_OTLP_ENDPOINT.
    /// Activities are created whether or not an exporter is configured, so trace ids always flow.
    /// </summary>
    public static void ConfigurePlatformTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // Every SQL statement at Information costs more than the statement on the hot paths
        // (a prediction, an outbox poll each second); Npgsql's spans already time each command.
        // Configuration ("Logging:LogLevel") can still turn them back on.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        // ASP.NET Core logs four lines a request at Information (request starting and finished, endpoint
        // executing and executed): at thousands of predictions a second they cost more than the
        // prediction, and each request's span already says the same. ASP.NET Core's own templates
        // set this level; a narrower category (Logging:LogLevel:Microsoft.AspNetCore.Hosting) can still turn them on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // YARP logs two lines per proxied request at Information ("Proxying to …", "Received … response"):
        // measured on the gateway, each prediction's two lines cost the dashboard, DCP and the AppHost
        // (which relay the console) more CPU than the gateway spent proxying it. The forward's span says the same.
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);

        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(InstrumentationOptions.MeterName, "Npgsql", PlatformTelemetry.Name))
            .WithTracing(tracing => tracing
                .SetSampler(TracesSampler(builder.Configuration))
                .AddSource(builder.Environment.ApplicationName, PlatformTelemetry.Name)
                .AddSource(DiagnosticHeaders.DefaultListenerName, "Npgsql")
                .AddAspNetCoreInstrumentation(o => o.Filter = IsNotHealthProbe)
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }

    /// <summary>
    /// Every trace a caller began and kept (its <c>traceparent</c> sampled), and at most
    /// <c>Telemetry:MaxTracesPerSecond</c> (10) new ones a second; 0 keeps every trace. Measured at 64
    /// connections on predict, the dashboard spent two thirds as much CPU storing a trace a request as
    /// Inference spent answering (ADR 36). Set in code, so it takes precedence over Aspire's OTEL_TRACES_SAMPLER.
    /// </summary>
    internal static Sampler TracesSampler(IConfiguration configuration, TimeProvider? time = null)
    {
        var perSecond = configuration.GetValue("Telemetry:MaxTracesPerSecond", DefaultMaxTracesPerSecond);
        return new ParentBasedSampler(perSecond > 0 ? new TraceRateSampler(perSecond, time) : new AlwaysOnSampler());
    }

    private const double DefaultMaxTracesPerSecond = 10;

    // Health probes every few seconds would drown the traces people look for.
    private static bool IsNotHealthProbe(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive");
}
