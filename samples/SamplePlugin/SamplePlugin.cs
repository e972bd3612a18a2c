using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Configuration;
using AeFramework.Data.Loading;
using AeFramework.Data.Targets;
using AeFramework.Losses.Objectives;
using AeFramework.Models;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Samples.SamplePlugin;
using AeFramework.Tasks;
using static TorchSharp.torch;

[assembly: AePlugin(typeof(SamplePlugin))]

namespace AeFramework.Samples.SamplePlugin;

/// <summary>
/// A plugin written outside the framework: one entry point registering one new task. Build it, list
/// its path under <c>plugins:</c> in a config, and use <c>type: landmarks</c>.
/// </summary>
public sealed class SamplePlugin : IAePlugin
{
    public void Register(ComponentRegistry registry) =>
        registry.Add<ITask, LandmarksTaskOptions>("landmarks", (o, _) => new LandmarksTask(o), "sample plugin: single-instance landmarks (one heatmap per landmark)");
}

/// <summary>Options of the sample task.</summary>
public sealed record LandmarksTaskOptions : IValidatableOptions
{
    /// <summary>Landmark names; the heatmap count is derived from them.</summary>
    public string[] Landmarks { get; init; } = ["left", "right"];

    /// <summary>Standard deviation of the target Gaussians, in output pixels.</summary>
    public double Sigma { get; init; } = 2;

    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Landmarks.Length == 0)
        {
            yield return ("landmarks", "expected at least one landmark name");
        }
    }
}

/// <summary>One heatmap per landmark and no tags: one object per image, located at each heatmap's maximum.</summary>
public sealed class LandmarksTask(LandmarksTaskOptions options) : ITask
{
    public IReadOnlyList<OutputMap> Outputs { get; } = [new("heatmaps", options.Landmarks.Length)];

    public CocoIouType IouType => CocoIouType.Keypoints;

    public IReadOnlyList<ITargetEncoder> TargetEncoders(int outputStride) =>
    [
        new GaussianHeatmapEncoder(new GaussianHeatmapOptions { Strides = [outputStride], Sigmas = [options.Sigma] }, options.Landmarks.Length),
        new IgnoreMaskEncoder(new IgnoreMaskOptions { Strides = [outputStride] }),
    ];

    /// <summary>The core's masked heatmap MSE on every stack.</summary>
    public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses { get; } = new Dictionary<string, ComponentRef<ILoss>>
    {
        ["heatmap"] = ComponentRef<ILoss>.Of("heatmap_mse", new KeypointHeatmapLossOptions()),
    };

    public IReadOnlyList<CocoResult> Predict(IBackbone model, Batch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var device = model.Module.parameters().First().device;
        var output = model.call(batch.Images.to(device));
        var maps = output.select(1, output.shape[1] - 1);
        var (b, k, h, w) = (maps.shape[0], maps.shape[1], maps.shape[2], maps.shape[3]);
        var flat = maps.reshape(b, k, h * w);
        var (scores, index) = flat.max(2);
        var stride = (double)batch.Images.shape[3] / w;
        var s = scores.cpu().data<float>().ToArray();
        var ix = index.cpu().data<long>().ToArray();
        var results = new List<CocoResult>();
        for (var i = 0; i < b; i++)
        {
            var keypoints = new double[k * 3];
            for (var j = 0; j < k; j++)
            {
                var p = ix[i * k + j];
                var (x, y) = batch.ToOriginal[i].Apply((p % w + 0.5) * stride, (p / w + 0.5) * stride);
                (keypoints[3 * j], keypoints[3 * j + 1], keypoints[3 * j + 2]) = (x, y, s[i * k + j]);
            }
            results.Add(new CocoResult { ImageId = batch.ImageIds[i], CategoryId = 1, Score = s.Skip(i * (int)k).Take((int)k).Average(), Keypoints = keypoints });
        }
        return results;
    }
}
