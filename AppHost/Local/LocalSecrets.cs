using System.Security.Cryptography;

namespace Platform.AppHost.Local;

/// <summary>
/// Passwords of the local servers, generated once and kept (mode 0600) beside the data they protect,
/// so a kept data folder and its password never part.
/// </summary>
public sealed class LocalSecrets(string directory)
{
    public string PathOf(string name) => Path.Combine(directory, name);

    public string GetOrCreate(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(directory);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return secret;
    }
}
