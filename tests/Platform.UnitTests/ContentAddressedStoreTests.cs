using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Contracts;
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

    // What a hash must never be: a way out of the store, a partial name, or a spelling of a hash the store does not write.
    public static TheoryData<string> NotHashes => new()
    {
        "../../etc/passwd",
        string.Concat(Enumerable.Repeat("../", 20)) + "etcp", // 64 characters, all the way up
        "ab/" + new string('a', 61),
        "/" + new string('a', 63),
        "..",
        "",
        "ABC",
        new string('a', 63),
        new string('a', 65),
        new string('A', 64),
        new string('a', 63) + "g",
        new string('a', 63) + " ",
    };

    [Theory]
    [MemberData(nameof(NotHashes))]
    public async Task A_reference_whose_hash_is_not_64_lowercase_hex_characters_is_refused_by_every_reader(string hash)
    {
        var store = Store;
        var artifact = new ArtifactReference($"artifact://sha256/{hash}", hash, 1);

        AssertRefused(hash, () => store.LocalPath(artifact));
        AssertRefused(hash, () => store.OpenRead(artifact));
        AssertRefused(hash, await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAllBytesAsync(artifact, CancellationToken.None)));
        AssertRefused(hash, () => ContentAddressedStore.UriOf(hash));
    }

    [Theory]
    [MemberData(nameof(NotHashes))]
    public void A_staged_artifact_whose_hash_is_not_64_lowercase_hex_characters_is_not_committed(string hash)
    {
        var staged = Path.Combine(_root, "staged-elsewhere");
        Directory.CreateDirectory(_root);
        File.WriteAllText(staged, "content");

        AssertRefused(hash, () => Store.Commit(new StagedArtifact(staged, hash, 7)));

        Assert.True(File.Exists(staged));
        Assert.False(Directory.Exists(Path.Combine(_root, "sha256")));
    }

    [Fact]
    public async Task A_stored_artifact_named_in_uppercase_is_refused_not_looked_up()
    {
        var stored = await Store.StoreAsync(Encoding.UTF8.GetBytes("p,q\n5,6\n"), CancellationToken.None);
        var upper = stored.Sha256.ToUpperInvariant();

        AssertRefused(upper, () => Store.LocalPath(stored with { Uri = $"artifact://sha256/{upper}", Sha256 = upper }));
    }

    [Fact]
    public async Task A_valid_reference_still_reads_its_content()
    {
        var bytes = Encoding.UTF8.GetBytes("m,n\n7,8\n");
        var stored = await Store.StoreAsync(bytes, CancellationToken.None);
        var read = new ArtifactReference(ContentAddressedStore.UriOf(stored.Sha256), stored.Sha256, stored.SizeBytes);

        Assert.Equal(bytes, await Store.ReadAllBytesAsync(read, CancellationToken.None));
        await using var stream = Store.OpenRead(read);
        Assert.Equal(bytes.Length, stream.Length);
        Assert.StartsWith(Path.Combine(_root, "sha256"), Store.LocalPath(read));
    }

    [Fact]
    public void A_valid_hash_that_is_not_stored_is_missing_not_refused()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("never stored")));

        Assert.Throws<FileNotFoundException>(() => Store.LocalPath(new ArtifactReference($"artifact://sha256/{hash}", hash, 1)));
    }

    private static void AssertRefused(string hash, Action act) => AssertRefused(hash, Assert.Throws<ArgumentException>(act));

    private static void AssertRefused(string hash, ArgumentException refused)
    {
        Assert.Contains($"'{hash}'", refused.Message);
        Assert.Contains("64 lowercase hexadecimal characters", refused.Message);
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
