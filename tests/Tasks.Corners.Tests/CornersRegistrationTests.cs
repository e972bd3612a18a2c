using AeFramework.Tasks.Corners.Head;
using AeFramework.Tasks.Corners.Losses;
using AeFramework.Experiments;
using AeFramework.Plugins;
using AeFramework.Registry;
using AeFramework.Tasks.Corners.Decoding;
using AeFramework.Testing;

namespace AeFramework.Tasks.Corners.Tests;

[Collection(TorchCollection.Name)]
public sealed class CornersRegistrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("corners-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] PluginPaths => [typeof(CornersPlugin).Assembly.Location];

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void TheTaskIsListedUnderItsName()
    {
        var catalog = AeHost.Build([new CornersPlugin()]);

        var descriptor = catalog.Find(typeof(ITask), "corners");

        Assert.NotNull(descriptor);
        Assert.Equal(typeof(CornersTaskOptions), descriptor.OptionsType);
        Assert.Equal("AeFramework.Tasks.Corners", descriptor.Assembly);
        Assert.Contains("corners", catalog.NamesOf(typeof(ITask)));
    }

    [Fact]
    public void BindsFromYamlAndDerivesTheBackboneWidth()
    {
        var path = Write("""
            task:
              type: corners
              num_classes: 3
              category_ids: [5, 7, 9]
              head: { features: 16 }
              losses:
                cornernet: { push_weight: 0.25 }
              flip_test: true
              decode:
                top_k: 50
                nms: hard
            model:
              backbone:
                type: small_hourglass
            """);

        var experiment = ExperimentLoader.Load(path, defaultPlugins: PluginPaths);
        var task = Assert.IsType<CornersTask>(new ComponentContext(experiment.Catalog).Create(experiment.Config.Task));

        Assert.Equal(3, task.Options.NumClasses);
        Assert.Equal([5, 7, 9], task.CategoryIds);
        // The entry keeps the default loss type and the defaults of the options it does not set.
        Assert.Equal("cornernet", task.Options.Losses["cornernet"].Type);
        var loss = task.Options.Losses["cornernet"].OptionsAs<CornerNetObjectiveOptions>();
        Assert.Equal((1.0, 0.1, 0.25, 1.0), (loss.FocalWeight, loss.PullWeight, loss.PushWeight, loss.OffsetWeight));
        Assert.True(task.Options.FlipTest);
        Assert.Equal("corner_pairs", task.Options.Decode.Type);
        Assert.Equal(new CornersDecodeOptions { TopK = 50, Nms = CornerNmsMethod.Hard }, task.Options.Decode.Options);
        Assert.Equal(16, ((AeFramework.Models.SmallHourglassOptions)experiment.Config.Model.Backbone.Options).Outputs);
    }

    [Fact]
    public void BadValuesAreReportedWithTheirKeyPaths()
    {
        var path = Write("""
            task:
              type: corners
              num_classes: 2
              category_ids: [1, 2, 3]
              decode:
                nms_kernel: 4
            """);

        var error = Assert.Throws<AeInputException>(() => ExperimentLoader.Load(path, defaultPlugins: PluginPaths));

        var keys = error.Problems.Select(p => p.KeyPath).ToList();
        Assert.Contains("task.category_ids", keys);
        Assert.Contains("task.decode.nms_kernel", keys);
        Assert.All(error.Problems, p => Assert.Equal(path, p.File));
    }

    [Fact]
    public void EvaluatorCountsThatDoNotFitTheBoxSummaryFailAtLoad()
    {
        var config = Path.Combine(SharedData.RepoRoot, "configs", "corners", "synthetic_cpu.yaml");

        var problem = Assert.Single(Assert.Throws<AeInputException>(() => ExperimentLoader.Load(config, ["evaluator.max_dets=[100]"], PluginPaths)).Problems);

        Assert.Equal("evaluator.max_dets", problem.KeyPath);
        Assert.Contains("evaluator.max_dets=[100]", problem.File, StringComparison.Ordinal);
        Assert.StartsWith("the bbox summary reads three counts", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("synthetic_cpu.yaml")]
    [InlineData("synthetic_long.yaml")]
    public void TheShippedConfigsLoad(string file)
    {
        var experiment = ExperimentLoader.Load(Path.Combine(SharedData.RepoRoot, "configs", "corners", file), defaultPlugins: PluginPaths);

        Assert.Equal("corners", experiment.Config.Task.Type);
        var task = (CornersTask)new ComponentContext(experiment.Catalog).Create(experiment.Config.Task);
        Assert.Equal(task.Head!.OptionsAs<CornerPoolingHeadOptions>().Features, ((AeFramework.Models.SmallHourglassOptions)experiment.Config.Model.Backbone.Options).Outputs);
        var loss = Assert.Single(task.Options.Losses).Value.OptionsAs<CornerNetObjectiveOptions>();
        Assert.Equal((1.0, 0.1, 0.1, 1.0), (loss.FocalWeight, loss.PullWeight, loss.PushWeight, loss.OffsetWeight));
    }
}
