using System.Text.Json;

namespace Platform.Demo;

/// <summary>
/// What <c>bench-serving prepare</c> hands to the later steps and to the shell that drives wrk: the
/// deployment, the key wrk sends, and the request bodies it wrote. It holds the organization's
/// client secret and the key, so it is written with mode 0600 under <c>.platform/bench/</c>.
/// </summary>
public sealed record ServingBenchState(
    Guid TenantId, string ClientId, string ClientSecret, string Deployment, string Dataset, string DatasetFile, string TargetColumn,
    string ApiKey, string ApiKeyFile, Guid ChampionVersionId, string PredictBody1, string PredictBody64, string InferBody1)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public TenantCredentials Credentials => new(TenantId, ClientId, ClientSecret, "", null);

    public void Save(string file) => WritePrivate(file, JsonSerializer.Serialize(this, Json));

    /// <summary>Writes a file only its owner may read (created empty with the mode first, then filled).</summary>
    public static void WritePrivate(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllText(file, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(file, text);
    }

    public static ServingBenchState Load(string file) =>
        JsonSerializer.Deserialize<ServingBenchState>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file} is empty.");
}
