using System.IO.Compression;
using System.Text;

namespace AeFramework.Checkpoints;

/// <summary>
/// Reads what torch.save writes since PyTorch 1.6: a zip archive holding <c>&lt;name&gt;/data.pkl</c> (the pickled
/// object) and one raw little-endian entry per storage, <c>&lt;name&gt;/data/&lt;key&gt;</c>. Returns the
/// unpickled object with its tensors as CPU tensors made in the caller's dispose scope.
/// </summary>
internal static class TorchZipFile
{
    public static object? Read(string path)
    {
        using var stream = OpenRead(path);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new AeInputException(path, $"not a readable zip archive ({e.Message})");
        }
        using (zip)
        {
            var pickle = zip.Entries
                .Where(e => e.FullName == "data.pkl" || e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal))
                .OrderBy(e => e.FullName.Length)
                .FirstOrDefault()
                ?? throw new AeInputException(path, "zip archive without data.pkl: not written by torch.save");
            var prefix = pickle.FullName[..^"data.pkl".Length];
            if (zip.GetEntry(prefix + "byteorder") is { } order && Encoding.ASCII.GetString(ReadAll(order, path)).Trim() != "little")
            {
                throw new AeInputException(path, "big-endian checkpoints are not supported");
            }
            var resolver = new TorchPickleResolver(path, key => zip.GetEntry($"{prefix}data/{key}") is { } entry ? ReadAll(entry, path) : null);
            return new PickleReader(ReadAll(pickle, path), $"{path} ({pickle.FullName})", resolver).Load();
        }
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, $"cannot read: {e.Message}");
        }
    }

    private static byte[] ReadAll(ZipArchiveEntry entry, string path)
    {
        try
        {
            using var s = entry.Open();
            var bytes = new byte[entry.Length];
            s.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new AeInputException(path, $"zip entry '{entry.FullName}' cannot be read ({e.Message})");
        }
    }
}
