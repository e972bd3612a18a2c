using static TorchSharp.torch;

namespace AeFramework.Models;

/// <summary>Checks an image batch before a backbone runs on it, so that a bad shape fails with a message rather than inside libtorch.</summary>
internal static class InputShape
{
    public static void Check(Tensor input, int sizeMultiple, string network)
    {
        if (input.dim() != 4 || input.shape[1] != 3)
        {
            throw new ArgumentException($"{network} expects images [B, 3, H, W]; got [{string.Join(", ", input.shape)}]", nameof(input));
        }
        if (input.shape[2] % sizeMultiple != 0 || input.shape[3] % sizeMultiple != 0 || input.shape[2] == 0 || input.shape[3] == 0)
        {
            throw new ArgumentException($"{network} needs H and W to be positive multiples of {sizeMultiple}; got H={input.shape[2]}, W={input.shape[3]}", nameof(input));
        }
    }

    public static string Describe(long[] shape) => $"[{string.Join(", ", shape)}]";
}
