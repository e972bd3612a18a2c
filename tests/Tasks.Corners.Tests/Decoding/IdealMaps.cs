using AeFramework.Tasks.Corners.Losses;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Tests.Decoding;

/// <summary>Corner maps written by hand: heatmap logits −20 except at the given corners, embeddings and offsets there.</summary>
internal sealed class IdealMaps(int classes, int height, int width, int batch = 1)
{
    public const float Background = -20;

    private readonly float[] _tlHeat = Filled(batch * classes * height * width, Background);
    private readonly float[] _brHeat = Filled(batch * classes * height * width, Background);
    private readonly float[] _tlTag = new float[batch * height * width];
    private readonly float[] _brTag = new float[batch * height * width];
    private readonly float[] _tlOff = new float[batch * 2 * height * width];
    private readonly float[] _brOff = new float[batch * 2 * height * width];

    /// <summary>A top-left corner at pixel (x, y) of class c with the given logit, embedding and offset.</summary>
    public IdealMaps TopLeft(int c, int x, int y, float logit, float tag, float dx = 0, float dy = 0, int image = 0)
    {
        Put(_tlHeat, _tlTag, _tlOff, image, c, x, y, logit, tag, dx, dy);
        return this;
    }

    public IdealMaps BottomRight(int c, int x, int y, float logit, float tag, float dx = 0, float dy = 0, int image = 0)
    {
        Put(_brHeat, _brTag, _brOff, image, c, x, y, logit, tag, dx, dy);
        return this;
    }

    public CornerNetHeads Heads() => new(
        tensor(_tlHeat, [batch, classes, height, width]), tensor(_brHeat, [batch, classes, height, width]),
        tensor(_tlTag, [batch, 1, height, width]), tensor(_brTag, [batch, 1, height, width]),
        tensor(_tlOff, [batch, 2, height, width]), tensor(_brOff, [batch, 2, height, width]));

    /// <summary>One image's maps [2C + 6, H, W] in the task's channel order.</summary>
    public Tensor TaskOrder(int image = 0)
    {
        var h = Heads();
        return cat([h.TopLeftHeat, h.BottomRightHeat, h.TopLeftTag, h.BottomRightTag, h.TopLeftOffset, h.BottomRightOffset], 1)[image];
    }

    /// <summary>The maps under the names `ae decode` reads.</summary>
    public Dictionary<string, Tensor> Named()
    {
        var h = Heads();
        return new Dictionary<string, Tensor>
        {
            ["tl_heatmaps"] = h.TopLeftHeat, ["br_heatmaps"] = h.BottomRightHeat,
            ["tl_embeddings"] = h.TopLeftTag, ["br_embeddings"] = h.BottomRightTag,
            ["tl_offsets"] = h.TopLeftOffset, ["br_offsets"] = h.BottomRightOffset,
        };
    }

    private void Put(float[] heat, float[] tag, float[] off, int image, int c, int x, int y, float logit, float t, float dx, float dy)
    {
        var plane = height * width;
        var pixel = y * width + x;
        heat[(image * classes + c) * plane + pixel] = logit;
        tag[image * plane + pixel] = t;
        off[(image * 2) * plane + pixel] = dx;
        off[(image * 2 + 1) * plane + pixel] = dy;
    }

    private static float[] Filled(int n, float value)
    {
        var a = new float[n];
        Array.Fill(a, value);
        return a;
    }
}
