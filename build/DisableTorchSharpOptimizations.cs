using System;
using System.IO;
using System.Text;

// MSBuild inline task: sets DisableOptimizations in the assembly-level DebuggableAttribute of output-folder
// copies of TorchSharp.dll. TorchSharp passes implicitly created Scalars (e.g. alpha = 1 in every tensor
// addition) to native code by handle without keeping them alive; optimised JIT code lets the GC finalise
// such a Scalar while libtorch still reads it, which fails at random ("Unknown scalar type", "alpha must not
// be a floating point number"). Debug code generation keeps arguments alive to the end of each method.
// The metadata is read by hand (ECMA-335 §II.22-24): inline tasks compile against netstandard only.
public class AeDisableTorchSharpOptimizations : Microsoft.Build.Utilities.Task
{
    private const int Default = 0x1;
    private const int DisableOptimizations = 0x100;

    [Microsoft.Build.Framework.Required]
    public string[] Directories { get; set; } = Array.Empty<string>();

    public override bool Execute()
    {
        foreach (var dir in Directories)
        {
            var path = Path.Combine(dir, "TorchSharp.dll");
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
            int offset;
            try
            {
                offset = new AssemblyMetadata(bytes).DebuggingModesOffset();
            }
            catch (Exception e) when (e is IndexOutOfRangeException || e is ArgumentException || e is InvalidDataException)
            {
                Log.LogWarning("{0}: unreadable metadata ({1}); left as it is.", full, e.Message);
                continue;
            }
            if (offset < 0)
            {
                Log.LogWarning("{0} has no DebuggableAttribute(DebuggingModes) to update; left as it is.", full);
                continue;
            }
            var modes = BitConverter.ToInt32(bytes, offset);
            if ((modes & DisableOptimizations) != 0)
            {
                continue;
            }
            BitConverter.GetBytes(modes | DisableOptimizations | Default).CopyTo(bytes, offset);
            var temp = full + ".tmp";
            File.WriteAllBytes(temp, bytes);
            File.Replace(temp, full, null);
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "Disabled JIT optimisations of {0}", full);
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Just enough of a PE/ECMA-335 reader to find the assembly's DebuggableAttribute blob.</summary>
    private sealed class AssemblyMetadata
    {
        private const int MethodDef = 0x06, MemberRef = 0x0A, CustomAttribute = 0x0C, TypeRef = 0x01;
        private readonly byte[] _b;
        private readonly int[] _rows = new int[64];
        private readonly int[] _tableStart = new int[64];
        private readonly int[] _rowSize = new int[64];
        private readonly int _strings, _blob, _stringIndex, _guidIndex, _blobIndex;

        public AssemblyMetadata(byte[] bytes)
        {
            _b = bytes;
            var pe = I32(0x3C);
            if (I32(pe) != 0x4550) throw new InvalidDataException("no PE signature");
            var sections = U16(pe + 6);
            var optional = pe + 24;
            var optionalSize = U16(pe + 20);
            var directories = optional + (U16(optional) == 0x20B ? 112 : 96);
            var cli = FileOffset(I32(directories + 14 * 8), optional + optionalSize, sections);
            var root = FileOffset(I32(cli + 8), optional + optionalSize, sections);
            if (I32(root) != 0x424A5342) throw new InvalidDataException("no metadata signature");
            var p = root + 16 + I32(root + 12);
            var streams = U16(p + 2);
            p += 4;
            var tables = -1;
            for (var i = 0; i < streams; i++)
            {
                var offset = root + I32(p);
                var nameStart = p + 8;
                var nameEnd = Array.IndexOf(_b, (byte)0, nameStart);
                var name = Encoding.ASCII.GetString(_b, nameStart, nameEnd - nameStart);
                p = nameStart + ((nameEnd - nameStart + 4) & ~3);
                if (name == "#~" || name == "#-") tables = offset;
                else if (name == "#Strings") _strings = offset;
                else if (name == "#Blob") _blob = offset;
            }
            if (tables < 0) throw new InvalidDataException("no table stream");
            var heapSizes = _b[tables + 6];
            _stringIndex = (heapSizes & 1) != 0 ? 4 : 2;
            _guidIndex = (heapSizes & 2) != 0 ? 4 : 2;
            _blobIndex = (heapSizes & 4) != 0 ? 4 : 2;
            var valid = BitConverter.ToUInt64(_b, tables + 8);
            var q = tables + 24;
            for (var t = 0; t < 64; t++)
            {
                if ((valid >> t & 1) != 0) { _rows[t] = I32(q); q += 4; }
            }
            // Row sizes of the tables up to CustomAttribute, which is all that precedes it.
            int Idx(int table) => _rows[table] < 0x10000 ? 2 : 4;
            _rowSize[0x00] = 2 + _stringIndex + 3 * _guidIndex;
            _rowSize[0x01] = Coded(2, 0x00, 0x1A, 0x23, 0x01) + 2 * _stringIndex;
            _rowSize[0x02] = 4 + 2 * _stringIndex + Coded(2, 0x02, 0x01, 0x1B) + Idx(0x04) + Idx(0x06);
            _rowSize[0x03] = Idx(0x04);
            _rowSize[0x04] = 2 + _stringIndex + _blobIndex;
            _rowSize[0x05] = Idx(0x06);
            _rowSize[0x06] = 8 + _stringIndex + _blobIndex + Idx(0x08);
            _rowSize[0x07] = Idx(0x08);
            _rowSize[0x08] = 4 + _stringIndex;
            _rowSize[0x09] = Idx(0x02) + Coded(2, 0x02, 0x01, 0x1B);
            _rowSize[0x0A] = Coded(3, 0x02, 0x01, 0x1A, 0x06, 0x1B) + _stringIndex + _blobIndex;
            _rowSize[0x0B] = 2 + Coded(2, 0x04, 0x08, 0x17) + _blobIndex;
            _rowSize[0x0C] = HasCustomAttributeSize() + Coded(3, 0x06, 0x0A) + _blobIndex;
            for (var t = 0; t <= CustomAttribute; t++)
            {
                _tableStart[t] = q;
                q += _rows[t] * _rowSize[t];
            }
        }

        /// <summary>File offset of the DebuggingModes int32 of the assembly's DebuggableAttribute, or −1.</summary>
        public int DebuggingModesOffset()
        {
            var parentSize = HasCustomAttributeSize();
            var typeSize = Coded(3, 0x06, 0x0A);
            const int assemblyParent = (1 << 5) | 14;
            for (var r = 0; r < _rows[CustomAttribute]; r++)
            {
                var row = _tableStart[CustomAttribute] + r * _rowSize[CustomAttribute];
                if (Read(row, parentSize) != assemblyParent) continue;
                var type = Read(row + parentSize, typeSize);
                if ((type & 7) != 3) continue;
                var memberRef = _tableStart[MemberRef] + ((type >> 3) - 1) * _rowSize[MemberRef];
                var parent = Read(memberRef, Coded(3, 0x02, 0x01, 0x1A, 0x06, 0x1B));
                if ((parent & 7) != 1) continue;
                var typeRef = _tableStart[TypeRef] + ((parent >> 3) - 1) * _rowSize[TypeRef];
                var name = String(Read(typeRef + Coded(2, 0x00, 0x1A, 0x23, 0x01), _stringIndex));
                if (name != "DebuggableAttribute") continue;
                var blob = _blob + Read(row + parentSize + typeSize, _blobIndex);
                // The (DebuggingModes) constructor's blob: length 8, prolog 01 00, int32 modes, no named arguments.
                return _b[blob] == 8 && _b[blob + 1] == 1 && _b[blob + 2] == 0 && _b[blob + 7] == 0 && _b[blob + 8] == 0 ? blob + 3 : -1;
            }
            return -1;
        }

        private int HasCustomAttributeSize() =>
            Coded(5, 0x06, 0x04, 0x01, 0x02, 0x08, 0x09, 0x0A, 0x00, 0x0E, 0x17, 0x14, 0x11, 0x1A, 0x1B, 0x20, 0x23, 0x26, 0x27, 0x28, 0x2A, 0x2C, 0x2B);

        private int Coded(int tagBits, params int[] tables)
        {
            var max = 0;
            foreach (var t in tables) max = Math.Max(max, _rows[t]);
            return max < (1 << (16 - tagBits)) ? 2 : 4;
        }

        private int Read(int at, int size) => size == 2 ? U16(at) : I32(at);

        private string String(int index)
        {
            var start = _strings + index;
            return Encoding.UTF8.GetString(_b, start, Array.IndexOf(_b, (byte)0, start) - start);
        }

        private int FileOffset(int rva, int sectionTable, int sections)
        {
            for (var i = 0; i < sections; i++)
            {
                var s = sectionTable + i * 40;
                var va = I32(s + 12);
                if (rva >= va && rva < va + Math.Max(I32(s + 8), I32(s + 16))) return rva - va + I32(s + 20);
            }
            throw new InvalidDataException($"RVA 0x{rva:x} lies in no section");
        }

        private int I32(int at) => BitConverter.ToInt32(_b, at);

        private int U16(int at) => BitConverter.ToUInt16(_b, at);
    }
}
