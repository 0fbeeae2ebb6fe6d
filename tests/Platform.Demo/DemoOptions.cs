namespace Platform.Demo;

public sealed record DemoOptions(string Vertical, string EndpointsFile, string DatasetsFolder, int Predictions)
{
    public static DemoOptions Parse(string[] args)
    {
        string? vertical = null, endpoints = null, datasets = null;
        var predictions = 1000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--endpoints": endpoints = args[++i]; break;
                case "--datasets": datasets = args[++i]; break;
                case "--predictions": predictions = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default: vertical ??= args[i]; break;
            }
        }
        if (vertical is null || endpoints is null || datasets is null)
            throw new ArgumentException("usage: Platform.Demo <vertical|solution> --endpoints <endpoints.json> --datasets <folder> [--predictions N]");
        return new(vertical, endpoints, datasets, predictions);
    }
}
