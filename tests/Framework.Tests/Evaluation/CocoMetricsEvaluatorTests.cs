using AeFramework.Coco;
using AeFramework.Coco.Eval;
using AeFramework.Configuration;
using AeFramework.Data.Loading;
using AeFramework.Data.Targets;
using AeFramework.Evaluation;
using AeFramework.Experiments;
using AeFramework.Losses.Objectives;
using AeFramework.Models;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks;
using static TorchSharp.torch;

namespace AeFramework.Tests.Evaluation;

public sealed class CocoMetricsEvaluatorTests
{
    /// <summary>A box task: only its kind of evaluation matters here.</summary>
    private sealed class BoxTask : ITask
    {
        public IReadOnlyList<OutputMap> Outputs { get; } = [new("maps", 1)];
        public CocoIouType IouType => CocoIouType.Bbox;
        public IReadOnlyDictionary<string, ComponentRef<ILoss>> Losses { get; } = new Dictionary<string, ComponentRef<ILoss>>();
        public IReadOnlyList<ITargetEncoder> TargetEncoders(int outputStride) => [];
        public IReadOnlyList<CocoResult> Predict(IBackbone model, Batch batch) => [];
    }

    private static readonly CocoDataset Truth = new(
        [new CocoImage { Id = 1, Width = 100, Height = 100 }],
        [new CocoAnnotation { Id = 1, ImageId = 1, CategoryId = 1, Bbox = new CocoBox(10, 10, 40, 40), Area = 1600 }],
        [new CocoCategory { Id = 1, Name = "a" }, new CocoCategory { Id = 2, Name = "b" }]);

    // The right box with the wrong category.
    private static readonly CocoResult[] WrongClass = [new() { ImageId = 1, CategoryId = 2, Score = 0.9, Bbox = new CocoBox(10, 10, 40, 40) }];

    [Fact]
    public void ScoresTheTasksKindWithNamedMetrics()
    {
        var right = new CocoResult[] { WrongClass[0] with { CategoryId = 1 } };

        var result = new CocoMetricsEvaluator(new CocoMetricsOptions()).Evaluate(Truth, right, [1], new BoxTask());

        Assert.Equal(CocoIouType.Bbox, result.IouType);
        Assert.Equal(12, result.Stats.Count);
        Assert.Equal(1.0, result.Metrics["eval/AP"], 6);
        Assert.Equal((1, 1), (result.Images, result.Detections));
    }

    [Fact]
    public void ClassAgnosticScoringIgnoresTheCategory()
    {
        var strict = new CocoMetricsEvaluator(new CocoMetricsOptions()).Evaluate(Truth, WrongClass, [1], new BoxTask());
        var agnostic = new CocoMetricsEvaluator(new CocoMetricsOptions { UseCategories = false }).Evaluate(Truth, WrongClass, [1], new BoxTask());

        Assert.Equal(0.0, strict.Metrics["eval/AP"], 6);
        Assert.Equal(1.0, agnostic.Metrics["eval/AP"], 6);
    }

    [Fact]
    public void TheEvaluatorIsChosenInYamlAndKeepsItsTypeWhenOnlyOptionsAreGiven()
    {
        var catalog = AeHost.Build(Array.Empty<IAePlugin>());
        var bound = new ConfigBinder(catalog).BindOrThrow<Section>(ConfigLoader.FromText("evaluator: { use_categories: false, max_dets: [5] }\n", "eval.yaml"));

        Assert.Equal("coco", bound.Evaluator.Type);
        var options = bound.Evaluator.OptionsAs<CocoMetricsOptions>();
        Assert.False(options.UseCategories);
        Assert.Equal([5], options.MaxDets!);
        Assert.IsType<CocoMetricsEvaluator>(new ComponentContext(catalog).Create(bound.Evaluator));
    }

    [Fact]
    public void CountsTheSummaryCannotReadAreReportedAtMaxDets()
    {
        Assert.Empty(new CocoMetricsOptions().Validate());
        Assert.Equal(["max_dets"], new CocoMetricsOptions { MaxDets = [] }.Validate().Select(p => p.Key));
        Assert.Equal(["max_dets"], new CocoMetricsOptions { MaxDets = [0, 10, 100] }.Validate().Select(p => p.Key));

        var box = new BoxTask();
        Assert.Empty(new CocoMetricsEvaluator(new CocoMetricsOptions()).ProblemsFor(box));
        Assert.Empty(new CocoMetricsEvaluator(new CocoMetricsOptions { MaxDets = [1, 10, 100] }).ProblemsFor(box));
        Assert.Empty(new CocoMetricsEvaluator(new CocoMetricsOptions { IouType = CocoIouType.Keypoints, MaxDets = [20] }).ProblemsFor(box));
        var problem = Assert.Single(new CocoMetricsEvaluator(new CocoMetricsOptions { MaxDets = [100] }).ProblemsFor(box));
        Assert.Equal(("max_dets", "the bbox summary reads three counts (as [1, 10, 100]), got [100]"), problem);
    }

    private sealed record Section
    {
        public ComponentRef<IEvaluator> Evaluator { get; init; } = ComponentRef<IEvaluator>.Of("coco", new CocoMetricsOptions());
    }
}
