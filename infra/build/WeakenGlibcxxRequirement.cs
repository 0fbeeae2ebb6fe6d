using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// Marks one version requirement of an ELF64 shared library as weak (VER_FLG_WEAK) so that the
// dynamic loader accepts a host library that lacks it. See Directory.Build.targets for why.
public sealed class WeakenGlibcxxRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        if (HostProvides(Version))
        {
            Log.LogMessage(MessageImportance.Low, $"The host's libstdc++ provides {Version}; nothing to weaken.");
            return true;
        }
        foreach (var library in Libraries)
        {
            var path = library.GetMetadata("FullPath");
            var outcome = Weaken(path, Version);
            Log.LogMessage(MessageImportance.Normal, $"{Path.GetFileName(path)}: {outcome}");
        }
        return !Log.HasLoggedErrors;
    }

    private static bool HostProvides(string version)
    {
        string[] candidates = { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6" };
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        foreach (var candidate in candidates)
            if (File.Exists(candidate) && IndexOf(File.ReadAllBytes(candidate), needle) >= 0) return true;
        return false;
    }

    private string Weaken(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
            return "not a little-endian ELF64 file; left alone";

        var sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        var entrySize = BitConverter.ToUInt16(elf, 0x3A);
        var count = BitConverter.ToUInt16(elf, 0x3C);
        for (var s = 0; s < count; s++)
        {
            var header = sectionHeaders + (long)s * entrySize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed) continue;

            var offset = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
            var stringSection = BitConverter.ToUInt32(elf, (int)header + 0x28);
            var needs = BitConverter.ToUInt32(elf, (int)header + 0x2C);
            var strings = (long)BitConverter.ToUInt64(elf, (int)(sectionHeaders + stringSection * entrySize) + 0x18);

            var need = offset;
            for (var n = 0; n < needs; n++)
            {
                var auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                var aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8));
                    if (name == version)
                    {
                        var flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & VerFlgWeak) != 0) return $"{version} already weak";
                        var weakened = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                        elf[aux + 4] = weakened[0];
                        elf[aux + 5] = weakened[1];
                        // A new file moved over the old one, never a write into it: the build copies
                        // packages' files as hard links to the NuGet cache, which must stay as shipped.
                        var weakenedPath = path + ".weak";
                        File.WriteAllBytes(weakenedPath, elf);
                        File.Delete(path);
                        File.Move(weakenedPath, path);
                        return $"{version} marked weak";
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
        }
        return $"no requirement for {version}";
    }

    private static string ReadString(byte[] bytes, long start)
    {
        var end = start;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}
