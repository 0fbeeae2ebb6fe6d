using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Writes which check failed and why, so an unhealthy service explains itself, but only to an
/// authenticated caller: check descriptions name databases, hosts and errors. Anyone (the AppHost,
/// a load balancer) gets the status and its code.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (context.User.Identity?.IsAuthenticated != true)
            return JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString() }, cancellationToken: context.RequestAborted);
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
