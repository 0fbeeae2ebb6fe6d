using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Ingestion.Domain;
using Platform.ServiceDefaults.Artifacts;

namespace Platform.UnitTests;

public sealed class ContentAddressedStoreTests : IDisposable
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid OtherTenant = Guid.NewGuid();
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"cas-{Guid.NewGuid():N}");
    private readonly byte[] _masterKey = RandomNumberGenerator.GetBytes(TenantKeyring.KeyBytes);
    private string KeysRoot => _root + "-keys";
    private TenantKeyring Keys => new(KeysRoot, _masterKey);
    private ContentAddressedStore Store => new(Options.Create(new ArtifactStoreOptions { Root = _root }), Keys);

    [Fact]
    public async Task Content_is_addressed_by_its_sha256_and_stored_encrypted()
    {
        var bytes = Encoding.UTF8.GetBytes("name,card\nAda Lovelace,4111111111111111\n");
        var stored = await Store.StoreAsync(Tenant, new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(bytes.Length, stored.SizeBytes);
        Assert.Equal($"artifact://sha256/{stored.Sha256}", stored.Uri);
        var file = Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        var onDisk = await File.ReadAllBytesAsync(file);
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("Ada Lovelace"u8));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("4111111111111111"u8));
        // Neither the hash nor the tenant's content shows in the file's name.
        Assert.DoesNotContain(stored.Sha256, file);
        Assert.Equal(bytes, await Store.ReadAllBytesAsync(Tenant, stored, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_content_twice_is_stored_once_per_tenant_and_no_staging_file_is_left()
    {
        var bytes = Encoding.UTF8.GetBytes("x,y\n3,4\n");
        var first = await Store.StoreAsync(Tenant, new MemoryStream(bytes), CancellationToken.None);
        var second = await Store.StoreAsync(Tenant, new MemoryStream(bytes), CancellationToken.None);
        var other = await Store.StoreAsync(OtherTenant, new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(first, other);
        var files = Directory.GetFiles(Path.Combine(_root, "tenants"), "*", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        Assert.Single(files, f => f.Contains(Tenant.ToString("N")));
        Assert.NotEqual(Path.GetFileName(files[0]), Path.GetFileName(files[1]));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "staging")));
    }

    // Empty, one byte, a segment exactly, a segment and one byte, several segments and a part.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(300_000)]
    public async Task Content_of_any_length_reads_back_whole_by_stream_and_by_bytes(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        var stored = await Store.StoreAsync(Tenant, bytes, CancellationToken.None);

        Assert.Equal(bytes, await Store.ReadAllBytesAsync(Tenant, stored, CancellationToken.None));
        await using var stream = Store.OpenRead(Tenant, stored);
        var read = new MemoryStream();
        var buffer = new byte[1000]; // smaller than a segment, and not a divisor of one
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) read.Write(buffer, 0, n);
        Assert.Equal(bytes, read.ToArray());
    }

    [Fact]
    public async Task A_shredded_tenant_key_leaves_its_artifacts_unreadable_and_other_tenants_untouched()
    {
        var store = Store;
        var mine = await store.StoreAsync(Tenant, Encoding.UTF8.GetBytes("a,b\n1,2\n"), CancellationToken.None);
        var theirs = await store.StoreAsync(OtherTenant, Encoding.UTF8.GetBytes("c,d\n3,4\n"), CancellationToken.None);

        Assert.True(Keys.Shred(Tenant));

        var refused = await Assert.ThrowsAsync<TenantKeyMissingException>(() => store.ReadAllBytesAsync(Tenant, mine, CancellationToken.None));
        Assert.Equal(Tenant, refused.Tenant);
        Assert.Contains("shredded", refused.Message);
        Assert.Throws<TenantKeyMissingException>(() => store.OpenRead(Tenant, mine));
        Assert.Equal("c,d\n3,4\n"u8.ToArray(), await store.ReadAllBytesAsync(OtherTenant, theirs, CancellationToken.None));
        Assert.False(Keys.Shred(Tenant));
    }

    [Fact]
    public async Task Another_tenant_cannot_find_or_open_an_artifact_even_when_its_file_is_moved_into_place()
    {
        var bytes = Encoding.UTF8.GetBytes("secret,row\n1,2\n");
        var store = Store;
        var mine = await store.StoreAsync(Tenant, bytes, CancellationToken.None);
        var decoy = await store.StoreAsync(OtherTenant, Encoding.UTF8.GetBytes("decoy"), CancellationToken.None);

        Assert.Throws<FileNotFoundException>(() => store.LocalPath(OtherTenant, mine));

        // This tenant's file in the place of one of the other tenant's: its data key does not unwrap under their key.
        File.Copy(store.LocalPath(Tenant, mine), store.LocalPath(OtherTenant, decoy), overwrite: true);
        Assert.ThrowsAny<CryptographicException>(() => store.OpenRead(OtherTenant, decoy));
    }

    [Fact]
    public async Task A_flipped_byte_a_truncation_or_another_artifact_in_its_place_is_refused_not_read()
    {
        var store = Store;
        var bytes = RandomNumberGenerator.GetBytes(3 * 65_536 + 10);
        var stored = await store.StoreAsync(Tenant, bytes, CancellationToken.None);
        var path = store.LocalPath(Tenant, stored);
        var original = await File.ReadAllBytesAsync(path);

        var flipped = original.ToArray();
        flipped[original.Length / 2] ^= 1;
        await File.WriteAllBytesAsync(path, flipped);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.ReadAllBytesAsync(Tenant, stored, CancellationToken.None));

        // Cut after the header and two whole segments: what is left is a well-formed prefix, not the artifact.
        await File.WriteAllBytesAsync(path, original.AsSpan(0, 64 + 2 * (65_536 + 16)).ToArray());
        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.ReadAllBytesAsync(Tenant, stored, CancellationToken.None));

        var other = await store.StoreAsync(Tenant, RandomNumberGenerator.GetBytes(100), CancellationToken.None);
        File.Copy(store.LocalPath(Tenant, other), path, overwrite: true);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.ReadAllBytesAsync(Tenant, stored, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_wrapped_by_another_master_key_are_refused()
    {
        var stored = await Store.StoreAsync(Tenant, Encoding.UTF8.GetBytes("a"), CancellationToken.None);
        var elsewhere = new ContentAddressedStore(Options.Create(new ArtifactStoreOptions { Root = _root }),
            new TenantKeyring(KeysRoot, RandomNumberGenerator.GetBytes(TenantKeyring.KeyBytes)));

        Assert.ThrowsAny<CryptographicException>(() => elsewhere.OpenRead(Tenant, stored));
        var keyFile = Assert.Single(Directory.GetFiles(KeysRoot));
        Assert.Equal(Tenant.ToString("N") + ".key", Path.GetFileName(keyFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
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

        AssertRefused(hash, () => store.LocalPath(Tenant, artifact));
        AssertRefused(hash, () => store.OpenRead(Tenant, artifact));
        AssertRefused(hash, await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAllBytesAsync(Tenant, artifact, CancellationToken.None)));
        AssertRefused(hash, () => ContentAddressedStore.UriOf(hash));
    }

    [Theory]
    [MemberData(nameof(NotHashes))]
    public void A_staged_artifact_whose_hash_is_not_64_lowercase_hex_characters_is_not_committed(string hash)
    {
        var staged = Path.Combine(_root, "staged-elsewhere");
        Directory.CreateDirectory(_root);
        File.WriteAllText(staged, "content");

        AssertRefused(hash, () => Store.Commit(new StagedArtifact(staged, Tenant, hash, 7)));

        Assert.True(File.Exists(staged));
        Assert.False(Directory.Exists(Path.Combine(_root, "tenants")));
    }

    [Fact]
    public async Task A_stored_artifact_named_in_uppercase_is_refused_not_looked_up()
    {
        var stored = await Store.StoreAsync(Tenant, Encoding.UTF8.GetBytes("p,q\n5,6\n"), CancellationToken.None);
        var upper = stored.Sha256.ToUpperInvariant();

        AssertRefused(upper, () => Store.LocalPath(Tenant, stored with { Uri = $"artifact://sha256/{upper}", Sha256 = upper }));
    }

    [Fact]
    public async Task A_valid_hash_that_is_not_stored_is_missing_not_refused()
    {
        await Store.StoreAsync(Tenant, Encoding.UTF8.GetBytes("something"), CancellationToken.None);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("never stored")));

        Assert.Throws<FileNotFoundException>(() => Store.LocalPath(Tenant, new ArtifactReference($"artifact://sha256/{hash}", hash, 1)));
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
        if (Directory.Exists(KeysRoot)) Directory.Delete(KeysRoot, recursive: true);
    }
}
