using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Pooling;

/// <summary>
/// CornerNet's corner pooling over the last two axes (rows H, columns W) of [..., H, W] maps, built from
/// cumulative maxima so that autograd routes each output's gradient to the input that attained the maximum.
/// </summary>
public static class CornerPooling
{
    private const int Rows = -2;
    private const int Columns = -1;

    /// <summary>Output at (y, x) is the maximum over rows y' ≥ y (scans upward from the bottom).</summary>
    public static Tensor TopPool(Tensor input) => ReverseRunningMax(input, Rows);

    /// <summary>Output at (y, x) is the maximum over columns x' ≥ x (scans leftward from the right).</summary>
    public static Tensor LeftPool(Tensor input) => ReverseRunningMax(input, Columns);

    /// <summary>Output at (y, x) is the maximum over rows y' ≤ y (scans downward from the top).</summary>
    public static Tensor BottomPool(Tensor input) => RunningMax(input, Rows);

    /// <summary>Output at (y, x) is the maximum over columns x' ≤ x (scans rightward from the left).</summary>
    public static Tensor RightPool(Tensor input) => RunningMax(input, Columns);

    private static Tensor RunningMax(Tensor input, int axis)
    {
        RequireMap(input);
        var (values, indices) = input.cummax(axis);
        indices.Dispose();
        return values;
    }

    private static Tensor ReverseRunningMax(Tensor input, int axis)
    {
        RequireMap(input);
        using var flipped = input.flip(axis);
        var (values, indices) = flipped.cummax(axis);
        indices.Dispose();
        using (values)
        {
            return values.flip(axis);
        }
    }

    private static void RequireMap(Tensor input)
    {
        if (input.dim() < 2)
        {
            throw new ArgumentException($"corner pooling needs a map [..., H, W], got [{string.Join(", ", input.shape)}]", nameof(input));
        }
    }
}
