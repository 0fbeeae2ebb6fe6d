using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Artifacts;

/// <summary>
/// Stores each tenant's bytes encrypted under that tenant's key (ADR 29), addressed by the SHA-256 of
/// their plaintext, so equal content a tenant stores twice is stored once. An upload streams through
/// the cipher to a temporary file while it is hashed (memory does not grow with the file), then moves
/// into place; a reader never sees a half-written artifact, and no plaintext is ever written, not
/// even while staged. A file's name is an HMAC of the hash under a key derived from the tenant's, so
/// the store's listing does not tell which content it holds, nor which tenants hold the same.
/// </summary>
public sealed class ContentAddressedStore(IOptions<ArtifactStoreOptions> options, TenantKeyring keys)
{
    private const string UriPrefix = "artifact://sha256/";
    private static readonly SearchValues<char> LowercaseHex = SearchValues.Create("0123456789abcdef");
    private readonly string _root = Path.GetFullPath(options.Value.Root);

    public async Task<ArtifactReference> StoreAsync(Guid tenant, Stream content, CancellationToken ct)
    {
        var staged = await StageAsync(tenant, content, ct);
        return Commit(staged);
    }

    public Task<ArtifactReference> StoreAsync(Guid tenant, byte[] content, CancellationToken ct) =>
        StoreAsync(tenant, new MemoryStream(content, writable: false), ct);

    /// <summary>
    /// Encrypts the content to a private staging file and hashes it; the caller validates the staged
    /// content (<see cref="OpenRead(StagedArtifact)"/>) and then commits or discards it, so rejected
    /// input leaves nothing behind.
    /// </summary>
    public async Task<StagedArtifact> StageAsync(Guid tenant, Stream content, CancellationToken ct)
    {
        var key = keys.GetOrCreate(tenant);
        var staging = Path.Combine(_root, "staging");
        Directory.CreateDirectory(staging);
        var temp = Path.Combine(staging, Guid.NewGuid().ToString("N"));
        try
        {
            (string Sha256, long Size) written;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                written = await ArtifactCipher.EncryptAsync(content, file, key, tenant, ct);
            return new StagedArtifact(temp, tenant, written.Sha256, written.Size);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public ArtifactReference Commit(StagedArtifact staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        RequireSha256(staged.Sha256, nameof(staged)); // before any key is read or made
        var key = keys.Get(staged.Tenant);
        string path;
        try { path = PathOf(staged.Tenant, key, staged.Sha256, nameof(staged)); }
        finally { CryptographicOperations.ZeroMemory(key); }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(staged.Path);
        else File.Move(staged.Path, path);
        return new ArtifactReference(UriOf(staged.Sha256), staged.Sha256, staged.SizeBytes);
    }

    /// <summary>The tenant's artifact's plaintext, decrypted as it is read.</summary>
    public Stream OpenRead(Guid tenant, ArtifactReference artifact)
    {
        RequireReference(artifact);
        // The key is read once, for the file's name and for its content.
        var key = keys.Get(tenant);
        try
        {
            return Decrypt(tenant, Locate(tenant, key, artifact), artifact.Sha256, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>What a staged upload holds, to validate it before it is committed.</summary>
    public Stream OpenRead(StagedArtifact staged)
    {
        var key = keys.Get(staged.Tenant);
        try
        {
            return Decrypt(staged.Tenant, staged.Path, staged.Sha256, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public async Task<byte[]> ReadAllBytesAsync(Guid tenant, ArtifactReference artifact, CancellationToken ct)
    {
        await using var content = OpenRead(tenant, artifact);
        var bytes = new MemoryStream(artifact.SizeBytes is > 0 and < int.MaxValue ? (int)artifact.SizeBytes : 0);
        await content.CopyToAsync(bytes, ct);
        return bytes.ToArray();
    }

    /// <summary>Where a tenant's artifact lives on this host; throws if the reference is not ours or is missing.</summary>
    public string LocalPath(Guid tenant, ArtifactReference artifact)
    {
        RequireReference(artifact);
        var key = keys.Get(tenant);
        try
        {
            return Locate(tenant, key, artifact);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>A reference is checked before any key is read: a bad one is refused as such, whatever the tenant.</summary>
    private static void RequireReference(ArtifactReference artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        RequireSha256(artifact.Sha256, nameof(artifact)); // first: a bad hash says more than "not a reference"
        if (artifact.Uri is null || !artifact.Uri.StartsWith(UriPrefix, StringComparison.Ordinal) || artifact.Uri[UriPrefix.Length..] != artifact.Sha256)
            throw new ArgumentException($"'{artifact.Uri}' is not a content-addressed artifact reference.", nameof(artifact));
    }

    private string Locate(Guid tenant, byte[] key, ArtifactReference artifact)
    {
        var path = PathOf(tenant, key, artifact.Sha256, nameof(artifact));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Artifact {artifact.Uri} is not in tenant {tenant}'s store.", path);
    }

    public static string UriOf(string sha256) => UriPrefix + RequireSha256(sha256, nameof(sha256));

    private static Stream Decrypt(Guid tenant, string path, string sha256, byte[] key) =>
        new DecryptingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), key, tenant, sha256);

    /// <summary>The one place a hash becomes a path, so nothing but a checked hash ever does.</summary>
    private string PathOf(Guid tenant, byte[] key, string sha256, string paramName)
    {
        RequireSha256(sha256, paramName);
        var name = Convert.ToHexStringLower(HMACSHA256.HashData(ArtifactCipher.NamingKey(key), Encoding.ASCII.GetBytes(sha256)));
        return Path.Combine(_root, "tenants", tenant.ToString("N"), name[..2], name);
    }

    /// <summary>
    /// A hash comes back in references read from messages and databases: anything but the lowercase
    /// hex the store writes ("../..", a separator, another case) is refused before it is used.
    /// </summary>
    private static string RequireSha256(string? sha256, string paramName) =>
        sha256 is { Length: 64 } && !sha256.AsSpan().ContainsAnyExcept(LowercaseHex)
            ? sha256
            : throw new ArgumentException(
                $"'{sha256 ?? "(null)"}' is not a SHA-256: expected exactly 64 lowercase hexadecimal characters (0-9, a-f).", paramName);
}

/// <summary>Content encrypted and hashed to staging, not yet visible in the store.</summary>
public sealed record StagedArtifact(string Path, Guid Tenant, string Sha256, long SizeBytes) : IDisposable
{
    /// <summary>Discards the staged file if it was not committed.</summary>
    public void Dispose()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }
}
