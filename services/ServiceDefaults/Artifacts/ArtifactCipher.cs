using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Platform.ServiceDefaults.Artifacts;

/// <summary>
/// How an artifact is encrypted at rest (ADR 29): envelope encryption with AES-256-GCM in segments,
/// so that files of any size stream through a fixed buffer in both directions.
/// <code>
/// header  = "PAE1" | nonce (12) | data key wrapped by the tenant's key (32) | tag (16)
/// segment = ciphertext (64 KiB, the last one shorter, possibly empty) | tag (16)
/// </code>
/// Every artifact has its own random data key, so segment nonces can be counters: seven zero bytes,
/// a last-segment flag and the segment's number. Each segment authenticates the header; the last one
/// also the plaintext's SHA-256, so a file truncated at a segment boundary, reordered, moved to
/// another tenant, or put in another artifact's place is refused rather than read.
/// .NET's <see cref="AesGcm"/> is one-shot and ASP.NET Core Data Protection protects byte arrays,
/// neither streams: this is the segmented construction of Hoang, Reyhanitabar, Rogaway and Vizár
/// ("Online authenticated-encryption", 2015), as Tink's streaming AEAD uses it.
/// </summary>
internal static class ArtifactCipher
{
    public const int SegmentBytes = 64 * 1024;
    private const int NonceBytes = 12, TagBytes = 16, KeyBytes = 32;
    private static ReadOnlySpan<byte> Magic => "PAE1"u8;
    public const int HeaderBytes = 4 + NonceBytes + KeyBytes + TagBytes;

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="output"/>, returning the plaintext's SHA-256 and length.</summary>
    public static async Task<(string Sha256, long Size)> EncryptAsync(Stream plaintext, Stream output, byte[] tenantKey, Guid tenant, CancellationToken ct)
    {
        var dataKey = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            var header = new byte[HeaderBytes];
            Magic.CopyTo(header);
            RandomNumberGenerator.Fill(header.AsSpan(4, NonceBytes));
            using (var wrap = new AesGcm(WrappingKey(tenantKey), TagBytes))
                wrap.Encrypt(header.AsSpan(4, NonceBytes), dataKey, header.AsSpan(4 + NonceBytes, KeyBytes), header.AsSpan(4 + NonceBytes + KeyBytes, TagBytes), tenant.ToByteArray());
            await output.WriteAsync(header, ct);

            using var aes = new AesGcm(dataKey, TagBytes);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var current = new byte[SegmentBytes];
            var next = new byte[SegmentBytes];
            var sealedSegment = new byte[SegmentBytes + TagBytes];
            var currentLength = await FillAsync(plaintext, current, ct);
            long size = 0;
            for (uint segment = 0; ; segment++)
            {
                // A segment is the last when nothing follows it; reading ahead one segment tells.
                var nextLength = currentLength == SegmentBytes ? await FillAsync(plaintext, next, ct) : 0;
                var last = nextLength == 0;
                hash.AppendData(current, 0, currentLength);
                size += currentLength;
                var sha256 = last ? hash.GetHashAndReset() : null;
                Seal(aes, header, segment, last, sha256, current.AsSpan(0, currentLength), sealedSegment);
                await output.WriteAsync(sealedSegment.AsMemory(0, currentLength + TagBytes), ct);
                if (last) return (Convert.ToHexStringLower(sha256!), size);
                (current, next, currentLength) = (next, current, nextLength);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static void Seal(AesGcm aes, byte[] header, uint segment, bool last, byte[]? sha256, ReadOnlySpan<byte> plaintext, byte[] output)
    {
        Span<byte> nonce = stackalloc byte[NonceBytes];
        Nonce(nonce, segment, last);
        aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length, TagBytes), Associated(header, sha256));
    }

    internal static void Open(AesGcm aes, byte[] header, uint segment, bool last, byte[]? sha256, ReadOnlySpan<byte> sealedSegment, Span<byte> plaintext)
    {
        Span<byte> nonce = stackalloc byte[NonceBytes];
        Nonce(nonce, segment, last);
        var length = sealedSegment.Length - TagBytes;
        aes.Decrypt(nonce, sealedSegment[..length], sealedSegment[length..], plaintext[..length], Associated(header, sha256));
    }

    /// <summary>The artifact's data key, from its header, unwrapped with the tenant's key; refused if either is not what was written.</summary>
    internal static byte[] UnwrapDataKey(byte[] header, byte[] tenantKey, Guid tenant)
    {
        if (!header.AsSpan(0, 4).SequenceEqual(Magic))
            throw new CryptographicException("The artifact is not encrypted in a format this store reads (no PAE1 header).");
        var dataKey = new byte[KeyBytes];
        using var wrap = new AesGcm(WrappingKey(tenantKey), TagBytes);
        wrap.Decrypt(header.AsSpan(4, NonceBytes), header.AsSpan(4 + NonceBytes, KeyBytes), header.AsSpan(4 + NonceBytes + KeyBytes, TagBytes), dataKey, tenant.ToByteArray());
        return dataKey;
    }

    internal static int SealedSegmentBytes => SegmentBytes + TagBytes;
    internal static int Tag => TagBytes;

    /// <summary>The key that wraps data keys, and the one that names files, are derived apart from the tenant's key: one key, one use.</summary>
    internal static byte[] WrappingKey(byte[] tenantKey) => HKDF.DeriveKey(HashAlgorithmName.SHA256, tenantKey, KeyBytes, info: "platform artifact data keys"u8.ToArray());

    internal static byte[] NamingKey(byte[] tenantKey) => HKDF.DeriveKey(HashAlgorithmName.SHA256, tenantKey, KeyBytes, info: "platform artifact names"u8.ToArray());

    private static void Nonce(Span<byte> nonce, uint segment, bool last)
    {
        nonce.Clear();
        nonce[7] = last ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], segment);
    }

    private static byte[] Associated(byte[] header, byte[]? sha256) => sha256 is null ? header : [.. header, .. sha256];

    private static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await source.ReadAsync(buffer.AsMemory(filled), ct)) > 0) filled += read;
        return filled;
    }
}
