using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Ingestion.Domain;
using Platform.ServiceDefaults.Artifacts;

namespace Platform.UnitTests;

public sealed class ContentAddressedStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"cas-{Guid.NewGuid():N}");
    private ContentAddressedStore Store => new(Options.Create(new ArtifactStoreOptions { Root = _root }));

    [Fact]
    public async Task Content_is_stored_under_its_sha256()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\n");
        var stored = await Store.StoreAsync(new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(bytes.Length, stored.SizeBytes);
        Assert.Equal($"artifact://sha256/{stored.Sha256}", stored.Uri);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, "sha256", stored.Sha256[..2], stored.Sha256)));
    }

    [Fact]
    public async Task The_same_content_twice_is_stored_once_and_no_staging_file_is_left()
    {
        var bytes = Encoding.UTF8.GetBytes("x,y\n3,4\n");
        var first = await Store.StoreAsync(new MemoryStream(bytes), CancellationToken.None);
        var second = await Store.StoreAsync(new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "sha256"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "staging")));
    }

    [Theory]
    [InlineData("credit", true)]
    [InlineData("retail-churn_v2.csv", true)]
    [InlineData("", false)]
    [InlineData("-leading-dash", false)]
    [InlineData("has space", false)]
    [InlineData("../escape", false)]
    public void Dataset_names_are_plain(string name, bool valid) =>
        Assert.Equal(valid, DatasetRules.ValidateName(name) is null);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
