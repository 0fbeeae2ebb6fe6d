using Platform.Contracts.Solutions;

namespace Platform.Demo;

/// <summary>
/// <c>Platform.Demo &lt;vertical|solution&gt;</c> runs the deployment journey;
/// <c>Platform.Demo retraining [vertical]</c> runs the retraining loop on a fresh deployment (finance by default).
/// The data is the solution's sample from the repository, another folder of samples (<c>--datasets</c>,
/// or PLATFORM_DATASETS), or a CSV of the user's own with the solution's target column (<c>--csv</c>).
/// </summary>
public sealed record DemoOptions(string Vertical, string EndpointsFile, string? DatasetsFolder, string? Csv, int Predictions, bool Retraining)
{
    public const string RetrainingCommand = "retraining";
    public const string Usage =
        "usage: Platform.Demo <vertical|solution|retraining [vertical]> --endpoints <endpoints.json> [--datasets <folder>] [--csv <file>] [--predictions N]";

    public static DemoOptions Parse(string[] args)
    {
        string? vertical = null, endpoints = null, datasets = null, csv = null;
        int? predictions = null;
        var retraining = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--endpoints": endpoints = Value(args, ++i); break;
                case "--datasets": datasets = Value(args, ++i); break;
                case "--csv": csv = Path.GetFullPath(Value(args, ++i)); break;
                case "--predictions": predictions = int.Parse(Value(args, ++i), System.Globalization.CultureInfo.InvariantCulture); break;
                case RetrainingCommand when !retraining && vertical is null: retraining = true; break;
                default: vertical ??= args[i]; break;
            }
        }
        if (retraining) vertical ??= "finance";
        if (vertical is null || endpoints is null) throw new ArgumentException(Usage);
        return new(vertical, endpoints, datasets, csv, predictions ?? 1000, retraining);
    }

    /// <summary>The file to upload for a solution whose sample is <paramref name="sampleDataset"/>; a missing file names the path looked for.</summary>
    public string DatasetFile(string sampleDataset)
    {
        if (Csv is null) return SampleDatasetFiles.PathOf(sampleDataset, DatasetsFolder is null ? null : SampleDatasetFiles.Folder(DatasetsFolder));
        return File.Exists(Csv) ? Csv : throw new FileNotFoundException($"The CSV {Csv} does not exist.", Csv);
    }

    /// <summary>
    /// The platform operator's client secret: the demo creates its organization as the operator
    /// would. The AppHost keeps it beside <c>endpoints.json</c>, in <c>secrets/</c> (mode 0600).
    /// </summary>
    public string OperatorSecret() => OperatorSecretBeside(EndpointsFile);

    public static string OperatorSecretBeside(string endpointsFile)
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(endpointsFile))!, "secrets", "operator-client-secret");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : throw new FileNotFoundException($"The operator's client secret {file} does not exist.", file);
    }

    private static string Value(string[] args, int i) =>
        i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value. {Usage}");
}
