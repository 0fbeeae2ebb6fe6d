using System.Security.Cryptography;
using System.Text;

namespace Platform.Contracts.Registry;

/// <summary>
/// Deployment API keys: 32 random bytes, so a plain SHA-256 is a safe stored form (no dictionary
/// to attack; a slow password hash would only slow every request). The prefix identifies a key in
/// lists and logs without revealing it.
/// </summary>
public static class ApiKeys
{
    public const string Header = "X-Api-Key";
    private const string Scheme = "pk_";

    public static string Create() =>
        Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key.Length > 10 ? key[..10] : key;
}
