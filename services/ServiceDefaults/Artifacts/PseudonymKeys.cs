using System.Security.Cryptography;

namespace Platform.ServiceDefaults.Artifacts;

/// <summary>
/// A tenant's pseudonym key: derived from its key (HKDF), so it is held among the secrets, never in
/// the data, is the same in every service (ingestion treats the dataset, inference treats incoming
/// rows), differs across tenants, and is gone when the tenant's key is shredded.
/// </summary>
public sealed class PseudonymKeys(TenantKeyring keys)
{
    public byte[] For(Guid tenant) => Derive(keys.Get(tenant));

    public static byte[] Derive(byte[] tenantKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, tenantKey, TenantKeyring.KeyBytes, info: "platform pseudonyms"u8.ToArray());
}
