using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Artifacts;

public static class ArtifactStoreExtensions
{
    /// <summary>The content-addressed artifact store at <c>Artifacts:Root</c>, shared by every service that reads or writes datasets and models.</summary>
    public static IHostApplicationBuilder AddArtifactStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ArtifactStoreOptions>()
            .BindConfiguration(ArtifactStoreOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Artifacts:Root must name a folder")
            .ValidateOnStart();
        builder.Services.AddSingleton<ContentAddressedStore>();
        return builder;
    }
}
