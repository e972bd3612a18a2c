using AeFramework.Experiments;
using AeFramework.Losses;
using AeFramework.Models;
using AeFramework.Registry;
using AeFramework.Tasks.InstanceSeg.Grouping;
using AeFramework.Models.Heads;
using AeFramework.Tasks.InstanceSeg.Losses;
using AeFramework.Testing;

namespace AeFramework.Tasks.InstanceSeg.Tests.Experiments;

public sealed class InstanceSegConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("instseg-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string[] Plugins => [typeof(InstanceSegPlugin).Assembly.Location];

    internal static string ConfigPath(string name) => Path.Combine(SharedData.RepoRoot, "configs", "instances", name);

    [Fact]
    public void DefaultConfigBindsTheTaskAndDerivesTheBackboneOutputs()
    {
        var experiment = ExperimentLoader.Load(ConfigPath("synthetic_cpu.yaml"), defaultPlugins: Plugins);
        Assert.Equal("instance_seg", experiment.Config.Task.Type);
        var options = experiment.Config.Task.OptionsAs<InstanceSegTaskOptions>();
        Assert.Equal(4, options.NumClasses);
        Assert.Equal(8, options.EmbeddingDim);
        Assert.Equal(2, options.Head!.OptionsAs<UpsamplingHeadOptions>().Factor);
        Assert.Equal("discriminative", options.Losses["embedding"].Type);
        Assert.Equal(ForegroundLossType.Bce, options.Losses["foreground"].OptionsAs<ForegroundObjectiveOptions>().Loss);
        Assert.Equal(0.1, options.Losses["embedding"].OptionsAs<DiscriminativeObjectiveOptions>().Weight);
        Assert.Equal(256, options.SamplesPerInstance);
        var grouping = options.Grouping.OptionsAs<InstanceGroupingOptions>();
        Assert.Equal(1.75, grouping.Margin);
        Assert.Equal(4, grouping.ClassHypotheses);
        Assert.True(options.FlipTest);
        Assert.Equal([1.0, 2.0], options.TestScales);
        Assert.Equal(0.4, grouping.PeakFraction);
        Assert.Equal(0.05, options.ForegroundPrior);
        Assert.True(options.UpsampleMaps);
        // With an up-sampling head the backbone hands over head_channels features.
        Assert.Equal(options.Head!.OptionsAs<UpsamplingHeadOptions>().Channels, experiment.Config.Model.Backbone.OptionsAs<SmallHourglassOptions>().Outputs);
        Assert.Contains("type: instance_seg", experiment.ResolvedYaml);

        var task = Assert.IsType<InstanceSegTask>(new ComponentContext(experiment.Catalog).Create(experiment.Config.Task));
        Assert.Equal([("foreground", 4), ("embeddings", 8)], task.Outputs.Select(m => (m.Name, m.Channels)));
        Assert.Equal(Data.Targets.MaskNeeds.InstanceMasks, Assert.Single(task.TargetEncoders(4)).Masks);
    }

    [Fact]
    public void LongConfigIsTheDefaultTrainedTwiceAsLong()
    {
        var experiment = ExperimentLoader.Load(ConfigPath("synthetic_long.yaml"), defaultPlugins: Plugins);
        var standard = ExperimentLoader.Load(ConfigPath("synthetic_cpu.yaml"), defaultPlugins: Plugins);
        Assert.Equal("instances_synthetic_long", experiment.Config.Name);
        Assert.Equal(standard.Config.Model.Backbone.OptionsAs<SmallHourglassOptions>(), experiment.Config.Model.Backbone.OptionsAs<SmallHourglassOptions>());
        Assert.Equal(2, experiment.Config.Task.OptionsAs<InstanceSegTaskOptions>().Head!.OptionsAs<UpsamplingHeadOptions>().Factor);
        Assert.Equal(2 * standard.Config.Train.MaxSteps, experiment.Config.Train.MaxSteps);
    }

    [Fact]
    public void AeLossWithoutHeadMapsTheBackboneDirectly()
    {
        var path = Path.Combine(_dir, "ae.yaml");
        File.WriteAllText(path, """
            task:
              type: instance_seg
              num_classes: 2
              category_ids: [5, 7]
              embedding_dim: 3
              losses:
                embedding: { type: pixel_ae, push_type: max }
                foreground: { loss: focal }
              grouping:
                margin: 0.5
                mean_shift_iterations: 2
            """);
        var experiment = ExperimentLoader.Load(path, defaultPlugins: Plugins);
        var options = experiment.Config.Task.OptionsAs<InstanceSegTaskOptions>();
        Assert.Equal([5, 7], options.ResolvedCategoryIds);
        Assert.Equal(TagPushType.Max, options.Losses["embedding"].OptionsAs<PixelTagObjectiveOptions>().PushType);
        Assert.Equal("foreground", options.Losses["foreground"].Type);
        Assert.Equal(ForegroundLossType.Focal, options.Losses["foreground"].OptionsAs<ForegroundObjectiveOptions>().Loss);
        Assert.Equal(2, options.Grouping.OptionsAs<InstanceGroupingOptions>().MeanShiftIterations);
        Assert.Equal(5, experiment.Config.Model.Backbone.OptionsAs<SmallHourglassOptions>().Outputs);
    }

    [Fact]
    public void BadValuesAreReportedAtTheirKeys()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, """
            task:
              type: instance_seg
              num_classes: 2
              category_ids: [1]
              head: { type: upsampling, factor: 3 }
              grouping:
                margin: 0
              test_scales: [1.0, 0]
            model:
              backbone: { type: small_hourglass, depth: 20, stem_stride: 3 }
            """);
        var e = Assert.Throws<AeInputException>(() => ExperimentLoader.Load(path, defaultPlugins: Plugins));
        var keys = e.Problems.Select(p => p.KeyPath).ToArray();
        Assert.Contains("task.test_scales", keys);
        Assert.Contains("model.backbone.depth", keys);
        Assert.Contains("model.backbone.stem_stride", keys);
        Assert.Contains("task.category_ids", keys);
        Assert.Contains("task.head.factor", keys);
        Assert.Contains("task.grouping.margin", keys);
    }

    [Theory]
    [InlineData(1.5, true, "strictly between 0 and 1")]
    [InlineData(0, true, "strictly between 0 and 1")]
    [InlineData(0.01, false, "set task.head")]
    public void ForegroundPriorNeedsAProbabilityAndAHead(double prior, bool head, string message)
    {
        var path = Path.Combine(_dir, "prior.yaml");
        var headLine = head ? "  head: { type: conv, channels: 64 }\n" : "";
        File.WriteAllText(path, $"task:\n  type: instance_seg\n{headLine}  foreground_prior: {prior.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");
        var e = Assert.Throws<AeInputException>(() => ExperimentLoader.Load(path, defaultPlugins: Plugins));
        Assert.Contains(e.Problems, p => p.KeyPath == "task.foreground_prior" && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ForegroundPriorStartsTheForegroundBiasAtItsLogit()
    {
        var task = new InstanceSegTask(new InstanceSegTaskOptions { ForegroundPrior = 0.01, Head = ComponentRef<IHead>.Of("conv", new ConvHeadOptions()) }, null);
        var plain = new InstanceSegTask(new InstanceSegTaskOptions(), null);

        Assert.Equal(Math.Log(0.01 / 0.99), task.Outputs[0].InitialBias!.Value, 12);
        Assert.Null(task.Outputs[1].InitialBias);
        Assert.All(plain.Outputs, m => Assert.Null(m.InitialBias));
    }
}
