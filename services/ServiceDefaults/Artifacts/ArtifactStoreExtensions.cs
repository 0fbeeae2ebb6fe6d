using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Artifacts;

public static class ArtifactStoreExtensions
{
    /// <summary>
    /// The encrypted, content-addressed artifact store at <c>Artifacts:Root</c>, shared by every
    /// service that reads or writes datasets and models, and the tenants' keys it encrypts with (ADR 29).
    /// </summary>
    public static IHostApplicationBuilder AddArtifactStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ArtifactStoreOptions>()
            .BindConfiguration(ArtifactStoreOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Artifacts:Root must name a folder")
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeysRoot), "Artifacts:KeysRoot must name the folder of the tenants' keys")
            .Validate(o => !string.IsNullOrWhiteSpace(o.MasterKeyFile) && File.Exists(o.MasterKeyFile), "Artifacts:MasterKeyFile must name the file holding the master key")
            .Validate(o => !IsUnder(o.KeysRoot, o.Root), "Artifacts:KeysRoot must not be inside Artifacts:Root: the keys are never kept beside the data")
            .ValidateOnStart();
        builder.Services.AddSingleton<TenantKeyring>();
        builder.Services.AddSingleton<ContentAddressedStore>();
        builder.Services.AddSingleton<PseudonymKeys>();
        return builder;
    }

    private static bool IsUnder(string folder, string root) =>
        Path.GetFullPath(folder).TrimEnd('/') is var f && Path.GetFullPath(root).TrimEnd('/') is var r
        && (f == r || f.StartsWith(r + "/", StringComparison.Ordinal));
}
