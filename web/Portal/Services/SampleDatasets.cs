using Microsoft.Extensions.Options;

namespace Platform.Portal.Services;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The folder of the public sample datasets a solution can be tried with (the AppHost sets it); unset, uploads only.</summary>
    public string? SampleDatasets { get; set; }
}

/// <summary>A solution's sample dataset, offered beside an upload so a newcomer can deploy without data of their own.</summary>
public sealed class SampleDatasets(IOptions<PortalOptions> options)
{
    public FileInfo? Find(string? fileName)
    {
        if (options.Value.SampleDatasets is not { Length: > 0 } folder || string.IsNullOrEmpty(fileName)) return null;
        // The name comes from a solution definition, but it is still a path: only a plain file name in that folder.
        if (Path.GetFileName(fileName) != fileName) return null;
        var file = new FileInfo(Path.Combine(folder, fileName));
        return file.Exists ? file : null;
    }
}
