using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Inference.Domain;

/// <summary>
/// The SHA-256 of an API key (see <see cref="Platform.Contracts.Registry.ApiKeys"/>) as a value that
/// a dictionary finds in one lookup: a request's key is hashed once and found among every
/// deployment's keys without a database read or an allocation.
/// </summary>
public readonly record struct ApiKeyHash(ulong A, ulong B, ulong C, ulong D)
{
    private const int Sha256Bytes = 32;
    private const int MaxStackKeyBytes = 256;

    public static bool IsWellFormed(string? sha256Hex) =>
        sha256Hex is { Length: Sha256Bytes * 2 } && sha256Hex.All(char.IsAsciiHexDigit);

    public static ApiKeyHash FromHex(string sha256Hex) => From(Convert.FromHexString(sha256Hex));

    public static ApiKeyHash Of(string presentedKey)
    {
        var length = Encoding.UTF8.GetMaxByteCount(presentedKey.Length);
        var utf8 = length <= MaxStackKeyBytes ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(presentedKey, utf8);
        Span<byte> digest = stackalloc byte[Sha256Bytes];
        SHA256.HashData(utf8[..written], digest);
        return From(digest);
    }

    private static ApiKeyHash From(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64BigEndian(digest),
        BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));
}
