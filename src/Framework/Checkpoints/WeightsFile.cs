using AeFramework.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Checkpoints;

/// <summary>
/// Model weights on disk. Reads safetensors files and torch.save files (.pt/.pth/.pth.tar: the zip format of
/// PyTorch 1.6 and later and the legacy stream before it, with the state dict at the top or under
/// 'state_dict' / 'model'); writes safetensors, the framework's own weights format.
/// </summary>
public static class WeightsFile
{
    private static readonly byte[] ZipMagic = [0x50, 0x4b, 0x03, 0x04];

    /// <summary>The legacy (pre-1.6) torch.save stream starts with a pickled magic number: PROTO n, then this LONG1.</summary>
    private static readonly byte[] LegacyTorchMagic = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    /// <summary>Reads every tensor of a weights file as CPU tensors. Bad or unreadable files raise <see cref="AeInputException"/>.</summary>
    public static StateDict Read(string path)
    {
        var head = ReadHead(path, 16);
        if (head.AsSpan().StartsWith(ZipMagic))
        {
            return FromPickle(path, TorchZipFile.Read);
        }
        if (head.Length > 2 && head[0] == 0x80 && head.AsSpan(2).StartsWith(LegacyTorchMagic))
        {
            return FromPickle(path, TorchLegacyFile.Read);
        }
        var file = SafeTensors.Load(path);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in file.Tensors)
        {
            result[name] = tensor.ToTensor();
        }
        return new StateDict(path, result);
    }

    /// <summary>Reads a weights file and copies it into <paramref name="module"/> (see <see cref="StateDictLoader"/>).</summary>
    public static LoadReport LoadInto(nn.Module module, string path, bool strict = true)
    {
        using var state = Read(path);
        return StateDictLoader.Load(module, state, strict);
    }

    /// <summary>Writes every parameter and buffer of <paramref name="module"/> as safetensors (atomically), under its state dict names.</summary>
    public static void Save(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Save(path, module.state_dict(), metadata);
    }

    private static StateDict FromPickle(string path, Func<string, object?> read)
    {
        using var scope = NewDisposeScope();
        var tensors = StateDictLocator.Find(read(path), path);
        foreach (var t in tensors.Values)
        {
            t.MoveToOuterDisposeScope();
        }
        return new StateDict(path, tensors);
    }

    private static byte[] ReadHead(string path, int count)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[Math.Min(count, stream.Length)];
            stream.ReadExactly(head);
            return head;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AeInputException(path, $"cannot read: {e.Message}");
        }
    }
}
