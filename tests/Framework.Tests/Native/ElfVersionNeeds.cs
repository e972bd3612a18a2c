using System.Text;

namespace AeFramework.Tests.Native;

/// <summary>An independent reader of ELF64 .gnu.version_r entries, used to check the build's patch.</summary>
internal static class ElfVersionNeeds
{
    public static bool IsWeak(byte[] elf, string version)
    {
        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (var s = 0; s < shnum; s++)
        {
            var sh = (int)(shoff + s * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != 0x6ffffffe)
            {
                continue;
            }
            var off = (int)BitConverter.ToUInt64(elf, sh + 24);
            var strtab = (int)BitConverter.ToUInt64(elf, (int)(shoff + BitConverter.ToUInt32(elf, sh + 40) * shentsize) + 24);
            var vn = off;
            for (var n = 0; n < BitConverter.ToUInt32(elf, sh + 44); n++)
            {
                var aux = vn + (int)BitConverter.ToUInt32(elf, vn + 8);
                for (var a = 0; a < BitConverter.ToUInt16(elf, vn + 2); a++)
                {
                    var nameAt = strtab + (int)BitConverter.ToUInt32(elf, aux + 8);
                    var end = Array.IndexOf(elf, (byte)0, nameAt);
                    if (Encoding.ASCII.GetString(elf, nameAt, end - nameAt) == version)
                    {
                        return (BitConverter.ToUInt16(elf, aux + 4) & 2) != 0;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                vn += (int)BitConverter.ToUInt32(elf, vn + 12);
            }
        }
        throw new InvalidDataException($"no version need {version}");
    }
}
