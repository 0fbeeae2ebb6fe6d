using System.Text;

namespace Platform.SystemTests;

/// <summary>
/// Issue 21, item 4 (ADR 29): after an upload, a training, compression and a model loaded for
/// serving, no file in the artifact store holds any of the uploaded rows or a model in the clear,
/// and the tenant's key is kept among the secrets, not with the data.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EncryptionAtRestTests(PlatformFixture platform, ServedDiabetes served)
{
    [Fact]
    public async Task No_stored_dataset_or_model_file_holds_its_plaintext()
    {
        var model = await served.GetAsync(platform);
        var lines = await File.ReadAllLinesAsync(PlatformApi.SamplePath("healthcare-diabetes.csv"));
        // The header, every data row, and what every model file starts its metadata with.
        var plaintexts = lines.Where(l => l.Length >= 12).Select(Encoding.UTF8.GetBytes)
            .Append("Platform.Modeling"u8.ToArray()) // the ONNX producer name
            .Append("{\"rows\":"u8.ToArray())         // how the drift reference's JSON starts
            .ToArray();

        var tenantFolder = Path.Combine(platform.ArtifactsFolder, "tenants", model.Tenant.ToString("N"));
        var theirs = Directory.GetFiles(tenantFolder, "*", SearchOption.AllDirectories);
        // The dataset, the trained model and its drift reference at least: the scan below has something to find.
        Assert.True(theirs.Length >= 3, $"expected the tenant's dataset, model and reference in {tenantFolder}; found {theirs.Length} files");

        var found = new List<string>();
        foreach (var file in Directory.GetFiles(platform.ArtifactsFolder, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var plaintext in plaintexts)
                if (bytes.AsSpan().IndexOf(plaintext) >= 0) found.Add($"{Path.GetRelativePath(platform.ArtifactsFolder, file)}: '{Encoding.UTF8.GetString(plaintext)}'");
        }
        Assert.True(found.Count == 0, $"plaintext in the artifact store:\n{string.Join("\n", found.Take(20))}");

        var key = Path.Combine(platform.DataDirectory, "secrets", "tenant-keys", $"{model.Tenant:N}.key");
        Assert.True(File.Exists(key), $"the tenant's key is not at {key}");
        Assert.DoesNotContain(Directory.GetFiles(platform.ArtifactsFolder, "*.key", SearchOption.AllDirectories), f => f.Contains(model.Tenant.ToString("N")));
    }
}
