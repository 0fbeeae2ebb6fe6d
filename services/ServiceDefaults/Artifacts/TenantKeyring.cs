using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Artifacts;

/// <summary>
/// One random 256-bit key per tenant, each kept in its own file wrapped (AES-GCM, the tenant's id as
/// associated data) by the master key, in a folder apart from the artifacts (ADR 29). A key is made
/// when its tenant first stores something; deleting it (<see cref="Shred"/>) leaves every artifact
/// of that tenant unreadable, wherever copies of the store went. Keys are read from disk on every
/// use, not cached, so a shredded key stops working in every process at once.
/// </summary>
public sealed class TenantKeyring
{
    public const int KeyBytes = 32;
    private const byte Version = 1;
    private const int NonceBytes = 12, TagBytes = 16;
    private readonly string _root;
    private readonly byte[] _masterKey;

    public TenantKeyring(IOptions<ArtifactStoreOptions> options)
        : this(options.Value.KeysRoot, ReadMasterKey(options.Value.MasterKeyFile))
    {
    }

    public TenantKeyring(string root, byte[] masterKey)
    {
        if (masterKey.Length != KeyBytes) throw new ArgumentException($"The master key must be {KeyBytes} bytes; it is {masterKey.Length}.", nameof(masterKey));
        _root = Path.GetFullPath(root);
        _masterKey = masterKey;
    }

    /// <summary>The master key in a file: base64 of <see cref="KeyBytes"/> random bytes.</summary>
    public static byte[] ReadMasterKey(string file)
    {
        if (string.IsNullOrWhiteSpace(file)) throw new InvalidOperationException("Artifacts:MasterKeyFile must name the file that holds the master key.");
        byte[] key;
        try { key = Convert.FromBase64String(File.ReadAllText(file).Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"The master key file {file} does not hold base64."); }
        return key.Length == KeyBytes ? key : throw new InvalidOperationException($"The master key in {file} is {key.Length} bytes; it must be {KeyBytes}.");
    }

    public static string NewMasterKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The tenant's key, made now if the tenant has none yet (a write).</summary>
    public byte[] GetOrCreate(Guid tenant)
    {
        var path = PathOf(tenant);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(_root);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var key = RandomNumberGenerator.GetBytes(KeyBytes);
            var temp = Path.Combine(_root, $".{Guid.NewGuid():N}.tmp");
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(temp, options)) file.Write(Wrap(tenant, key));
            CryptographicOperations.ZeroMemory(key);
            // Two services may make a tenant's first key at once: the first file in place wins, the other is dropped.
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(temp); }
        }
        return Get(tenant);
    }

    /// <summary>The tenant's key (a read); refused, saying so, when it was shredded or never made.</summary>
    public byte[] Get(Guid tenant)
    {
        byte[] wrapped;
        try { wrapped = File.ReadAllBytes(PathOf(tenant)); }
        catch (FileNotFoundException) { throw new TenantKeyMissingException(tenant); }
        return Unwrap(tenant, wrapped);
    }

    /// <summary>Deletes the tenant's key: what it encrypted can no longer be read by anyone (crypto-shredding).</summary>
    public bool Shred(Guid tenant)
    {
        var path = PathOf(tenant);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    private string PathOf(Guid tenant) => Path.Combine(_root, $"{tenant:N}.key");

    private byte[] Wrap(Guid tenant, byte[] key)
    {
        var output = new byte[1 + NonceBytes + KeyBytes + TagBytes];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_masterKey, TagBytes);
        aes.Encrypt(nonce, key, output.AsSpan(1 + NonceBytes, KeyBytes), output.AsSpan(1 + NonceBytes + KeyBytes, TagBytes), tenant.ToByteArray());
        return output;
    }

    private byte[] Unwrap(Guid tenant, byte[] wrapped)
    {
        if (wrapped.Length != 1 + NonceBytes + KeyBytes + TagBytes || wrapped[0] != Version)
            throw new CryptographicException($"The key file of tenant {tenant} is not a version {Version} wrapped key.");
        var key = new byte[KeyBytes];
        using var aes = new AesGcm(_masterKey, TagBytes);
        // Fails when the master key is another one, or the file was moved from another tenant.
        aes.Decrypt(wrapped.AsSpan(1, NonceBytes), wrapped.AsSpan(1 + NonceBytes, KeyBytes), wrapped.AsSpan(1 + NonceBytes + KeyBytes, TagBytes), key, tenant.ToByteArray());
        return key;
    }
}

/// <summary>A tenant's data cannot be read: its key was deleted (crypto-shredding) or never made.</summary>
public sealed class TenantKeyMissingException(Guid tenant)
    : Exception($"Tenant {tenant} has no key: its stored data was shredded, or it never stored any.")
{
    public Guid Tenant { get; } = tenant;
}
