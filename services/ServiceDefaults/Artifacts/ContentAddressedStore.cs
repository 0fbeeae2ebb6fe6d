using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Artifacts;

/// <summary>
/// Stores bytes under their SHA-256, so equal content is stored once. An upload streams to a
/// temporary file while it is hashed (memory does not grow with the file), then moves into place;
/// a reader never sees a half-written artifact.
/// </summary>
public sealed class ContentAddressedStore(IOptions<ArtifactStoreOptions> options)
{
    private const string UriPrefix = "artifact://sha256/";
    private static readonly SearchValues<char> LowercaseHex = SearchValues.Create("0123456789abcdef");
    private readonly string _root = Path.GetFullPath(options.Value.Root);

    public async Task<ArtifactReference> StoreAsync(Stream content, CancellationToken ct)
    {
        var staged = await StageAsync(content, ct);
        return Commit(staged);
    }

    public Task<ArtifactReference> StoreAsync(byte[] content, CancellationToken ct) =>
        StoreAsync(new MemoryStream(content, writable: false), ct);

    /// <summary>
    /// Writes the content to a private staging file and hashes it; the caller validates the
    /// staged file and then commits or discards it, so rejected input leaves nothing behind.
    /// </summary>
    public async Task<StagedArtifact> StageAsync(Stream content, CancellationToken ct)
    {
        var staging = Path.Combine(_root, "staging");
        Directory.CreateDirectory(staging);
        var temp = Path.Combine(staging, Guid.NewGuid().ToString("N"));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    size += read;
                }
            }
            return new StagedArtifact(temp, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public ArtifactReference Commit(StagedArtifact staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        var path = PathOf(staged.Sha256, nameof(staged));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(staged.Path);
        else File.Move(staged.Path, path);
        return new ArtifactReference(UriOf(staged.Sha256), staged.Sha256, staged.SizeBytes);
    }

    public Stream OpenRead(ArtifactReference artifact) =>
        new FileStream(LocalPath(artifact), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    public async Task<byte[]> ReadAllBytesAsync(ArtifactReference artifact, CancellationToken ct) =>
        await File.ReadAllBytesAsync(LocalPath(artifact), ct);

    /// <summary>Where an artifact lives on this host; throws if the reference is not ours or is missing.</summary>
    public string LocalPath(ArtifactReference artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        RequireSha256(artifact.Sha256, nameof(artifact)); // first: a bad hash says more than "not a reference"
        if (artifact.Uri is null || !artifact.Uri.StartsWith(UriPrefix, StringComparison.Ordinal) || artifact.Uri[UriPrefix.Length..] != artifact.Sha256)
            throw new ArgumentException($"'{artifact.Uri}' is not a content-addressed artifact reference.", nameof(artifact));
        var path = PathOf(artifact.Sha256, nameof(artifact));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Artifact {artifact.Uri} is not in the store.", path);
    }

    public static string UriOf(string sha256) => UriPrefix + RequireSha256(sha256, nameof(sha256));

    /// <summary>The one place a hash becomes a path, so nothing but a checked hash ever does.</summary>
    private string PathOf(string sha256, string paramName)
    {
        RequireSha256(sha256, paramName);
        return Path.Combine(_root, "sha256", sha256[..2], sha256);
    }

    /// <summary>
    /// A hash becomes a file name under the store, and hashes come back in references read from
    /// messages and databases: anything but the lowercase hex the store writes ("../..", a separator,
    /// another case, which names another file on a case-sensitive disk) is refused before a path exists.
    /// </summary>
    private static string RequireSha256(string? sha256, string paramName) =>
        sha256 is { Length: 64 } && !sha256.AsSpan().ContainsAnyExcept(LowercaseHex)
            ? sha256
            : throw new ArgumentException(
                $"'{sha256 ?? "(null)"}' is not a SHA-256: expected exactly 64 lowercase hexadecimal characters (0-9, a-f).", paramName);
}

/// <summary>Content hashed and written to staging, not yet visible in the store.</summary>
public sealed record StagedArtifact(string Path, string Sha256, long SizeBytes) : IDisposable
{
    /// <summary>Discards the staged file if it was not committed.</summary>
    public void Dispose()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }
}
