using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Platform.Contracts;

namespace Platform.AppHost.Infrastructure;

public enum InfrastructureMode
{
    /// <summary>Connection strings given in configuration: production, Kubernetes.</summary>
    External,
    /// <summary>A Docker daemon answers: Aspire's own PostgreSQL and RabbitMQ containers.</summary>
    Containers,
    /// <summary>Private servers from the OS packages, run as executables under <c>.platform/</c>.</summary>
    Local,
}

public static class InfrastructureModes
{
    /// <summary><c>Platform:Infrastructure</c> forces a mode; otherwise the first that applies.</summary>
    public static InfrastructureMode Choose(IConfiguration configuration)
    {
        if (Enum.TryParse<InfrastructureMode>(configuration["Platform:Infrastructure"], ignoreCase: true, out var forced))
            return forced;
        if (!string.IsNullOrEmpty(configuration.GetConnectionString(ResourceNames.Postgres))
            && !string.IsNullOrEmpty(configuration.GetConnectionString(ResourceNames.Messaging)))
            return InfrastructureMode.External;
        return DockerAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }

    // The docker CLI may be installed with no daemon behind it; Aspire's containers would then hang
    // in RuntimeUnhealthy instead of failing, so ask the daemon itself.
    private static bool DockerAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null) return false;
            if (!docker.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                docker.Kill(entireProcessTree: true);
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker CLI at all
        }
    }
}
