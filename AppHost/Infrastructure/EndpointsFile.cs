using System.Text.Json;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// Once every platform host reports healthy, writes <c>endpoints.json</c> (what <c>./platform</c>
/// and scripts read) and prints the URL table a newcomer starts from.
/// </summary>
public static class EndpointsFile
{
    public static void WriteEndpointsWhenHealthy(this IDistributedApplicationBuilder builder, PlatformSettings settings)
    {
        File.Delete(settings.EndpointsFile); // a file from an earlier run would lie until this one is healthy
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((created, ct) =>
        {
            var lifetime = created.Services.GetRequiredService<IHostApplicationLifetime>();
            _ = WriteWhenHealthyAsync(created, builder.Configuration, settings, lifetime.ApplicationStopping);
            return Task.CompletedTask;
        });
    }

    private static async Task WriteWhenHealthyAsync(
        AfterResourcesCreatedEvent created, IConfiguration configuration, PlatformSettings settings, CancellationToken ct)
    {
        var logger = created.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.AppHost");
        try
        {
            var notifications = created.Services.GetRequiredService<ResourceNotificationService>();
            var projects = created.Model.Resources.OfType<ProjectResource>().ToList();
            await Task.WhenAll(projects.Select(p => notifications.WaitForResourceHealthyAsync(p.Name, ct)));

            var endpoints = projects.ToDictionary(p => p.Name, p => p.GetEndpoint("http").Url);
            if (DashboardUrl(configuration) is { } dashboard) endpoints["dashboard"] = dashboard;

            await File.WriteAllTextAsync(settings.EndpointsFile,
                JsonSerializer.Serialize(endpoints, new JsonSerializerOptions { WriteIndented = true }), ct);
            var table = string.Join(Environment.NewLine, endpoints.Select(e => $"  {e.Key,-12} {e.Value}"));
            logger.LogInformation("Platform is healthy ({Mode} servers). Endpoints ({File}):{NewLine}{Table}",
                settings.Mode, settings.EndpointsFile, Environment.NewLine, table);
            PortalDemo.PrintSignIn(endpoints.GetValueOrDefault("portal"), settings);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not write {File}", settings.EndpointsFile);
        }
    }

    private static string? DashboardUrl(IConfiguration configuration) =>
        configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
