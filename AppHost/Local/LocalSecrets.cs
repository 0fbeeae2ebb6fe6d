using System.Security.Cryptography;

namespace Platform.AppHost.Local;

/// <summary>
/// Passwords and keys the platform generates for itself (servers, token signing, its own OAuth
/// clients), generated once and kept (mode 0600, in a folder of mode 0700) beside the data they
/// protect, so a kept data folder and its secrets never part. Hosts get a file's path, never the
/// secret in an environment variable (the dashboard shows those).
/// </summary>
public sealed class LocalSecrets(string directory)
{
    public string PathOf(string name) => Path.Combine(directory, name);

    public string GetOrCreate(string name) => File.ReadAllText(GetOrCreateFile(name, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)))).Trim();

    /// <summary>The path of a secret file, written once with <paramref name="create"/>'s content and readable by this user only.</summary>
    public string GetOrCreateFile(string name, Func<string> create)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!File.Exists(path))
        {
            // Created private, then filled: the secret is never readable by others, not even for a moment.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream)) writer.Write(create());
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>An RSA key pair (PKCS#8 PEM, private) and its public half beside it (<c>.pub.pem</c>, which services may read).</summary>
    public (string PrivateKeyFile, string PublicKeyFile) GetOrCreateRsaKey(string name)
    {
        var privateKey = GetOrCreateFile($"{name}.pem", () =>
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        });
        var publicKey = PathOf($"{name}.pub.pem");
        if (!File.Exists(publicKey))
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(privateKey));
            File.WriteAllText(publicKey, rsa.ExportSubjectPublicKeyInfoPem());
        }
        return (privateKey, publicKey);
    }
}
