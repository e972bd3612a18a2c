using AeFramework.Checkpoints;
using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Data.Schema;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Rescoring;

/// <summary>
/// Learned person rescoring: grouping scores a person by its mean joint score, which ranks people with a wrongly
/// grouped or misplaced joint as high as sound ones. A small network learns each person's OKS with the best-matching
/// ground truth from <see cref="PersonFeatures"/> on the training split, and the predicted OKS becomes the score.
/// The network runs on the CPU whatever the model's device (a few thousand multiply-adds per person).
/// </summary>
public sealed class PoseRescoring : IFittedStage
{
    public const string DefaultFileName = "rescorer.safetensors";

    private readonly PersonFeatures _features;
    private readonly double[] _variances;
    private RescoringNet? _net;

    public PoseRescoring(PoseRescoringOptions options, KeypointSchema schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schema);
        Options = options;
        _features = new PersonFeatures(schema);
        _variances = KeypointSimilarity.Variances(schema.Sigmas);
    }

    public PoseRescoringOptions Options { get; }

    public string FileName => DefaultFileName;

    public int MaxImages => Options.MaxImages;

    public bool IsReady => _net != null;

    /// <summary>The people of one image with their scores replaced by the predicted OKS (the same people when not ready).</summary>
    public IReadOnlyList<CocoResult> Rescore(IReadOnlyList<CocoResult> imagePeople)
    {
        ArgumentNullException.ThrowIfNull(imagePeople);
        if (_net is null || imagePeople.Count == 0)
        {
            return imagePeople;
        }
        var features = _features.Compute(imagePeople);
        float[] predicted;
        using (NewDisposeScope())
        using (no_grad())
        {
            predicted = _net.forward(tensor(features).reshape(imagePeople.Count, _features.Count)).sigmoid().data<float>().ToArray();
        }
        return [.. imagePeople.Select((p, i) => p with { Score = predicted[i] })];
    }

    public void Fit(CocoDataset groundTruth, IReadOnlyList<CocoResult> predictions, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(logger);
        var (x, y) = Examples(groundTruth, predictions);
        var n = y.Length;
        if (n == 0)
        {
            logger.LogWarning("no people predicted on the training split: rescoring stays off");
            return;
        }
        var net = new RescoringNet(_features.Count, Options.Hidden);
        using var generator = new Generator((ulong)Options.Seed);
        net.Initialise(generator);
        using var inputs = tensor(x).reshape(n, _features.Count);
        using var targets = tensor(y);
        net.Standardise(inputs);
        using var optimizer = optim.Adam(net.parameters(), Options.LearningRate, weight_decay: Options.WeightDecay);
        double last = 0;
        for (var epoch = 0; epoch < Options.Epochs; epoch++)
        {
            using var order = randperm(n, generator: generator);
            double total = 0;
            for (var start = 0; start < n; start += Options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(Options.BatchSize, n - start));
                var predicted = net.forward(inputs.index_select(0, batch)).sigmoid();
                var loss = nn.functional.mse_loss(predicted, targets.index_select(0, batch));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                total += loss.item<float>() * batch.shape[0];
            }
            last = total / n;
        }
        net.eval();
        _net?.Dispose();
        _net = net;
        logger.LogInformation("rescoring fitted on {People} people ({Epochs} epochs): mean squared OKS error {Loss:F4}, mean OKS {Mean:F3}",
            n, Options.Epochs, last, y.Average());
    }

    /// <summary>Features of every predicted person and its OKS with the best-matching ground truth of its image (0 when none).</summary>
    internal (float[] Features, float[] Oks) Examples(CocoDataset groundTruth, IReadOnlyList<CocoResult> predictions)
    {
        var features = new List<float>();
        var oks = new List<float>();
        foreach (var image in predictions.GroupBy(p => p.ImageId))
        {
            var people = image.ToList();
            features.AddRange(_features.Compute(people));
            var truths = groundTruth.AnnotationsOf(image.Key)
                .Where(a => !a.IsCrowd && a.Keypoints is { } k && k.Length == _variances.Length * 3 && a.NumKeypoints is not 0)
                .ToList();
            foreach (var person in people)
            {
                var best = 0.0;
                foreach (var truth in truths)
                {
                    var box = truth.Bbox ?? new CocoBox(0, 0, 0, 0);
                    best = Math.Max(best, KeypointSimilarity.Oks(person.Keypoints, truth.Keypoints, box, truth.Area ?? box.Area, _variances));
                }
                oks.Add((float)best);
            }
        }
        return ([.. features], [.. oks]);
    }

    public void Save(string path)
    {
        var net = _net ?? throw new InvalidOperationException("the rescoring is not fitted");
        WeightsFile.Save(net, path, new Dictionary<string, string> { ["format"] = "ae-pose-rescoring", ["features"] = _features.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public void Load(string path)
    {
        var net = new RescoringNet(_features.Count, Options.Hidden);
        WeightsFile.LoadInto(net, path);
        net.eval();
        _net?.Dispose();
        _net = net;
    }

    public void Reset()
    {
        _net?.Dispose();
        _net = null;
    }
}
