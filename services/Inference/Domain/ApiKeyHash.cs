using System.Security.Cryptography;
using System.Text;

namespace Platform.Inference.Domain;

/// <summary>
/// Checks a presented API key against the stored SHA-256 of the real one (see
/// <see cref="Platform.Contracts.Registry.ApiKeys"/>). The comparison takes the same time whatever
/// the bytes, so response timing does not reveal how much of a guess was right.
/// </summary>
public static class ApiKeyHash
{
    private const int Sha256Bytes = 32;

    public static bool IsWellFormed(string? sha256Hex) =>
        sha256Hex is { Length: Sha256Bytes * 2 } && sha256Hex.All(char.IsAsciiHexDigit);

    public static byte[] FromHex(string sha256Hex) => Convert.FromHexString(sha256Hex);

    public static byte[] Of(string presentedKey) => SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));

    public static bool Matches(byte[] presentedKeyHash, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(presentedKeyHash, storedHash);
}
