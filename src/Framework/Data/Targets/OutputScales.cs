namespace AeFramework.Data.Targets;

/// <summary>Checks and sizes the output resolutions (input size / stride) that targets are written at.</summary>
internal static class OutputScales
{
    public static void Check(IReadOnlyList<int> strides, string owner)
    {
        if (strides.Count == 0 || strides.Any(s => s <= 0))
        {
            throw new ArgumentException($"{owner}: Strides needs at least one positive stride, got [{string.Join(", ", strides)}]");
        }
    }

    public static (int Width, int Height) Size(int inputWidth, int inputHeight, int stride, string owner)
    {
        if (inputWidth % stride != 0 || inputHeight % stride != 0)
        {
            throw new InvalidOperationException($"{owner}: input {inputWidth}x{inputHeight} is not a multiple of stride {stride}");
        }
        return (inputWidth / stride, inputHeight / stride);
    }

    public static string FieldName(string prefix, int scale) => $"{prefix}_{scale}";
}
