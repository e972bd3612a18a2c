using static TorchSharp.torch;

namespace AeFramework.Tasks.InstanceSeg.Tests.Grouping;

/// <summary>
/// Hand-built network outputs: a label map (−1 background, else the instance number), each instance's class and
/// embedding centre, and per-pixel class probabilities that the test writes itself.
/// </summary>
internal sealed class IdealMaps
{
    public IdealMaps(int height, int width, int classes, int dim)
    {
        Height = height;
        Width = width;
        Classes = classes;
        Dim = dim;
        Labels = new int[height * width];
        Array.Fill(Labels, -1);
        Probabilities = new double[classes * height * width];
        Array.Fill(Probabilities, 0.05);
        Embeddings = new double[dim * height * width];
    }

    public int Height { get; }

    public int Width { get; }

    public int Classes { get; }

    public int Dim { get; }

    public int[] Labels { get; }

    /// <summary>[C, H, W] row-major.</summary>
    public double[] Probabilities { get; }

    /// <summary>[D, H, W] row-major.</summary>
    public double[] Embeddings { get; }

    /// <summary>Labels the rectangle [x0, x1) × [y0, y1) as <paramref name="instance"/> of <paramref name="cls"/> with
    /// embedding <paramref name="centre"/>; its class probability falls slowly in raster order from <paramref name="peak"/>.</summary>
    public void Rectangle(int instance, int cls, double[] centre, int x0, int y0, int x1, int y1, double peak = 0.9)
    {
        var step = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++, step++)
            {
                var p = y * Width + x;
                Labels[p] = instance;
                for (var c = 0; c < Classes; c++)
                {
                    Probabilities[c * Height * Width + p] = c == cls ? peak - 0.001 * step : 0.05;
                }
                for (var d = 0; d < Dim; d++)
                {
                    Embeddings[d * Height * Width + p] = centre[d];
                }
            }
        }
    }

    public void SetProbability(int cls, int x, int y, double value) => Probabilities[cls * Height * Width + y * Width + x] = value;

    public double Probability(int cls, int x, int y) => Probabilities[cls * Height * Width + y * Width + x];

    /// <summary>The expected mask of an instance, row-major.</summary>
    public byte[] MaskOf(int instance) => Labels.Select(l => l == instance ? (byte)1 : (byte)0).ToArray();

    public Tensor ForegroundTensor() => tensor(Probabilities, [Classes, Height, Width]);

    public Tensor EmbeddingTensor() => tensor(Embeddings, [Dim, Height, Width]);
}
