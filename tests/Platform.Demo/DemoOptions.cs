namespace Platform.Demo;

/// <summary>
/// <c>Platform.Demo &lt;vertical|solution&gt;</c> runs the deployment journey;
/// <c>Platform.Demo retraining [vertical]</c> runs the retraining loop on a fresh deployment (finance by default).
/// </summary>
public sealed record DemoOptions(string Vertical, string EndpointsFile, string DatasetsFolder, int Predictions, bool Retraining)
{
    public const string RetrainingCommand = "retraining";

    public static DemoOptions Parse(string[] args)
    {
        string? vertical = null, endpoints = null, datasets = null;
        int? predictions = null;
        var retraining = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--endpoints": endpoints = args[++i]; break;
                case "--datasets": datasets = args[++i]; break;
                case "--predictions": predictions = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case RetrainingCommand when !retraining && vertical is null: retraining = true; break;
                default: vertical ??= args[i]; break;
            }
        }
        if (retraining) vertical ??= "finance";
        if (vertical is null || endpoints is null || datasets is null)
            throw new ArgumentException("usage: Platform.Demo <vertical|solution|retraining [vertical]> --endpoints <endpoints.json> --datasets <folder> [--predictions N]");
        return new(vertical, endpoints, datasets, predictions ?? 1000, retraining);
    }
}
