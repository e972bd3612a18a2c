using AeFramework.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Tests.TestTime;

/// <summary>
/// A stand-in network that "sees" a fixed scene at any input size, as a perfect pose network would: for each
/// person and joint a Gaussian (σ given as a fraction of the image width) at the joint's position given as a
/// fraction of the input, so the maps of every scale show the same scene; tag maps hold, at every pixel, the tag
/// of the person whose joint of that type is nearest. It tells a mirrored input by its first channel (the test
/// image is bright on the left half only) and then draws the mirrored scene: x ↦ 1 − x, joint j in channel
/// flip(j). Tags have one dimension.
/// </summary>
internal sealed class SceneBackbone : nn.Module<Tensor, Tensor>, IBackbone
{
    private readonly (double X, double Y)[][] _joints;
    private readonly float[] _tags;
    private readonly int[] _flip;
    private readonly double _sigma;
    private readonly Parameter _anchor;

    /// <param name="joints">Per person, per joint type, the position as a fraction of the input's width and height.</param>
    /// <param name="tags">Per person, its tag.</param>
    /// <param name="flip">The schema's flip index.</param>
    public SceneBackbone((double X, double Y)[][] joints, float[] tags, int[] flip, double sigma, int stride, int inputMultiple) : base(nameof(SceneBackbone))
    {
        _joints = joints;
        _tags = tags;
        _flip = flip;
        _sigma = sigma;
        _anchor = nn.Parameter(zeros(1));
        OutputStride = stride;
        InputSizeMultiple = inputMultiple;
        RegisterComponents();
    }

    public int Stacks => 1;

    public int OutputChannels => 2 * _flip.Length;

    public int OutputStride { get; }

    public int InputSizeMultiple { get; }

    public nn.Module<Tensor, Tensor> Module => this;

    /// <summary>Input (height, width) of every call.</summary>
    public List<(long Height, long Width)> InputSizes { get; } = [];

    public override Tensor forward(Tensor input)
    {
        var (n, height, width) = (input.shape[0], input.shape[2], input.shape[3]);
        InputSizes.Add((height, width));
        var (h, w) = ((int)(height / OutputStride), (int)(width / OutputStride));
        var k = _flip.Length;
        var maps = new float[n * 2 * k * h * w];
        for (var b = 0; b < n; b++)
        {
            var half = width / 2;
            var mirrored = input[b, 0, .., ..(int)half].mean().item<float>() < input[b, 0, .., (int)half..].mean().item<float>();
            var offset = b * 2 * k * h * w;
            for (var j = 0; j < k; j++)
            {
                var channel = mirrored ? _flip[j] : j;
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        var (best, nearest) = (0.0, double.PositiveInfinity);
                        var tag = 0f;
                        for (var p = 0; p < _joints.Length; p++)
                        {
                            var jx = mirrored ? 1 - _joints[p][j].X : _joints[p][j].X;
                            // Pixel x covers [x, x + 1) of the map; the continuous position of a fraction f is f·w.
                            var dx = (x + 0.5 - jx * w) / w;
                            var dy = (y + 0.5 - _joints[p][j].Y * h) / w;
                            var d2 = dx * dx + dy * dy;
                            best = Math.Max(best, Math.Exp(-d2 / (2 * _sigma * _sigma)));
                            if (d2 < nearest)
                            {
                                (nearest, tag) = (d2, _tags[p]);
                            }
                        }
                        maps[offset + (channel * h + y) * w + x] = (float)best;
                        maps[offset + ((k + channel) * h + y) * w + x] = tag;
                    }
                }
            }
        }
        return tensor(maps, [n, 1, 2 * k, h, w], device: input.device);
    }
}
