using Microsoft.Extensions.Configuration;
using Platform.Contracts.Solutions;

namespace Platform.AppHost.Infrastructure;

/// <summary>Where the platform keeps its local state, how it gets its servers, how many replicas run.</summary>
public sealed record PlatformSettings(
    string RepositoryRoot,
    string DataDirectory,
    string SampleDatasetsDirectory,
    InfrastructureMode Mode,
    IReadOnlyDictionary<string, int> Replicas,
    int PortalPort)
{
    public string ArtifactsDirectory => Path.Combine(DataDirectory, "artifacts");
    public string EndpointsFile => Path.Combine(DataDirectory, "endpoints.json");
    public string SecretsDirectory => Path.Combine(DataDirectory, "secrets");
    /// <summary>The master key file is made when the first host is added, not when settings are read.</summary>
    public ArtifactEncryption ArtifactEncryption => _encryption ??= ArtifactEncryption.Create(this);
    private ArtifactEncryption? _encryption;

    public static PlatformSettings From(IDistributedApplicationBuilder builder)
    {
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var data = builder.Configuration["Platform:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(root, ".platform");
        Directory.CreateDirectory(data);
        return new PlatformSettings(
            root, data, FindSampleDatasets(root, builder.Configuration["Platform:SampleDatasets"]),
            InfrastructureModes.Choose(builder.Configuration), ParseReplicas(builder.Configuration["replicas"]),
            int.TryParse(builder.Configuration["Platform:PortalPort"], out var port) ? port : FreePort());
    }

    /// <summary>
    /// The sample datasets the portal offers beside an upload: <c>--Platform:SampleDatasets</c> (or
    /// PLATFORM_DATASETS, as for <c>./platform demo</c>), else the repository's own folder.
    /// </summary>
    internal static string FindSampleDatasets(string root, string? configured) =>
        configured is { Length: > 0 } || Environment.GetEnvironmentVariable(SampleDatasetFiles.EnvironmentVariable) is { Length: > 0 }
            ? SampleDatasetFiles.Folder(configured)
            : SampleDatasetFiles.InRepositoryAbove(root);

    /// <summary>
    /// The portal's port is chosen here, not by DCP: the portal is the tokens' issuer, and every
    /// service must know its address before any of them starts (an endpoint reference would make
    /// the services wait for the portal, which waits for them).
    /// </summary>
    public string PortalUrl => $"http://localhost:{PortalPort}/";

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><c>--replicas training=2,compression=3</c>.</summary>
    internal static IReadOnlyDictionary<string, int> ParseReplicas(string? value)
    {
        var replicas = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], out var count) || count < 1)
                throw new ArgumentException($"--replicas expects service=count[,service=count], got '{pair}'");
            replicas[parts[0]] = count;
        }
        return replicas;
    }
}
