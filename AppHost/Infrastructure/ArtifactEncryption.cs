using System.Security.Cryptography;
using Platform.AppHost.Local;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// The keys the artifact store encrypts with (ADR 29): the master key, generated once as a secret
/// file, and the folder of the tenants' keys it wraps, among the secrets, never under the
/// artifacts. Hosts get the paths, never a key.
/// </summary>
public sealed record ArtifactEncryption(string MasterKeyFile, string TenantKeysDirectory)
{
    public const string MasterKey = "artifact-master-key";

    public static ArtifactEncryption Create(PlatformSettings settings)
    {
        var secrets = new LocalSecrets(settings.SecretsDirectory);
        return new ArtifactEncryption(
            secrets.GetOrCreateFile(MasterKey, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            secrets.PathOf("tenant-keys"));
    }
}
