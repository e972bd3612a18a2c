using System;
using System.IO;
using System.Text;

// MSBuild inline task: marks one version need of libLibTorchSharp.so weak (vna_flags = VER_FLG_WEAK)
// in output-folder copies, when the system libstdc++ does not define that version.
public class AeWeakenGlibcxxNeed : Microsoft.Build.Utilities.Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Microsoft.Build.Framework.Required]
    public string[] Directories { get; set; } = Array.Empty<string>();

    [Microsoft.Build.Framework.Required]
    public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        if (SystemHasVersion())
        {
            return true;
        }
        foreach (var dir in Directories)
        {
            var path = Path.Combine(dir, "libLibTorchSharp.so");
            if (!File.Exists(path))
            {
                continue;
            }
            var full = Path.GetFullPath(path);
            if (full.Contains(Path.DirectorySeparatorChar + ".nuget" + Path.DirectorySeparatorChar))
            {
                Log.LogWarning("Not patching {0}: it lies in a NuGet cache.", full);
                continue;
            }
            var bytes = File.ReadAllBytes(full);
            var result = Weaken(bytes);
            if (result == null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0}: no {1} need to weaken.", full, VersionName);
                continue;
            }
            if (result == false)
            {
                continue; // already weak
            }
            // Write a new file and rename it over the old one: the old inode (possibly a hard link
            // into the package cache) is never written to.
            var temp = full + ".patching";
            File.WriteAllBytes(temp, bytes);
            File.Delete(full);
            File.Move(temp, full);
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "Marked {0} weak in {1}.", VersionName, full);
        }
        return !Log.HasLoggedErrors;
    }

    private bool SystemHasVersion()
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };
        var needle = Encoding.ASCII.GetBytes(VersionName + "\0");
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return IndexOf(File.ReadAllBytes(candidate), needle) >= 0;
            }
        }
        return false;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length; j++)
            {
                if (haystack[i + j] != needle[j]) { match = false; break; }
            }
            if (match) return i;
        }
        return -1;
    }

    // true: patched; false: found but already weak; null: no such need.
    private bool? Weaken(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogWarning("libLibTorchSharp.so is not a little-endian ELF64 file; left as it is.");
            return null;
        }
        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        var shentsize = BitConverter.ToUInt16(elf, 0x3A);
        var shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (var s = 0; s < shnum; s++)
        {
            var sh = shoff + (long)s * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed)
            {
                continue;
            }
            var offset = (long)BitConverter.ToUInt64(elf, (int)sh + 24);
            var link = BitConverter.ToUInt32(elf, (int)sh + 40);
            var count = BitConverter.ToUInt32(elf, (int)sh + 44);
            var strtabOffset = (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)link * shentsize) + 24);
            var vn = offset;
            for (var n = 0; n < count; n++)
            {
                var cnt = BitConverter.ToUInt16(elf, (int)vn + 2);
                var aux = vn + BitConverter.ToUInt32(elf, (int)vn + 8);
                for (var a = 0; a < cnt; a++)
                {
                    var nameOffset = BitConverter.ToUInt32(elf, (int)aux + 8);
                    if (ReadString(elf, strtabOffset + nameOffset) == VersionName)
                    {
                        var flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & VerFlgWeak) != 0) return false;
                        var patched = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                        elf[aux + 4] = patched[0];
                        elf[aux + 5] = patched[1];
                        return true;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                vn += BitConverter.ToUInt32(elf, (int)vn + 12);
            }
        }
        return null;
    }

    private static string ReadString(byte[] data, long offset)
    {
        var end = offset;
        while (end < data.Length && data[end] != 0) end++;
        return Encoding.ASCII.GetString(data, (int)offset, (int)(end - offset));
    }
}
