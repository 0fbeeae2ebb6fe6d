using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Platform.Ingestion.Infrastructure;

/// <summary>
/// Stores bytes under their SHA-256, so equal content is stored once. An upload streams to a
/// temporary file while it is hashed (memory does not grow with the file), then moves into place.
/// </summary>
public sealed class ContentAddressedStore(IOptions<ArtifactStoreOptions> options)
{
    private readonly string _root = Path.GetFullPath(options.Value.Root);

    public async Task<StoredContent> StoreAsync(Stream content, CancellationToken ct)
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

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            var path = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path)) File.Delete(temp);
            else File.Move(temp, path);
            return new StoredContent(sha256, size, UriOf(sha256));
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static string UriOf(string sha256) => $"artifact://sha256/{sha256}";

    private string PathOf(string sha256) => Path.Combine(_root, "sha256", sha256[..2], sha256);
}

public sealed record StoredContent(string Sha256, long SizeBytes, string Uri);
