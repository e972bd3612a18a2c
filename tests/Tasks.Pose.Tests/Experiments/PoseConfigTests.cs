using AeFramework.Experiments;
using AeFramework.Models.Heads;
using AeFramework.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Pose.Tests.Experiments;

[Collection(TorchCollection.Name)]
public class PoseConfigTests
{
    private static readonly string DefaultConfig = Path.Combine(SharedData.RepoRoot, "configs", "pose", "synthetic_cpu.yaml");

    [Fact]
    public void TheDefaultConfigBuildsANetworkWithSemiConvolutionalTags()
    {
        var experiment = ExperimentLoader.Load(DefaultConfig, defaultPlugins: [typeof(PosePlugin).Assembly.Location]);
        var options = experiment.Config.Task.OptionsAs<PoseTaskOptions>();
        Assert.Equal((2, 0.25), (options.TagDim, options.TagCoordinates));
        Assert.Equal(64, options.Head!.OptionsAs<ConvHeadOptions>().Channels);
        Assert.Equal((128, 256), (experiment.Config.Data.InputSize, experiment.Config.Data.EvalSize));

        using var session = ExperimentSession.Build(experiment, null, NullLoggerFactory.Instance);
        session.Model.Module.eval();
        using var output = session.Model.call(zeros(1, 3, 128, 128));

        Assert.Equal(4, session.Model.OutputStride);
        Assert.Equal(new long[] { 1, 1, 17 + 17 * 2, 32, 32 }, output.shape);
        Assert.Equal(new PixelCoordinates(2, 0.25), session.Task.Outputs.Single(m => m.Name == "tags").Coordinates);
    }

    [Fact]
    public void TheLongConfigIsTheDefaultTrainedLonger()
    {
        string[] plugins = [typeof(PosePlugin).Assembly.Location];
        var longer = ExperimentLoader.Load(Path.Combine(SharedData.RepoRoot, "configs", "pose", "synthetic_long.yaml"), defaultPlugins: plugins);
        var baseline = ExperimentLoader.Load(DefaultConfig, defaultPlugins: plugins);

        Assert.Equal("pose_synthetic_long", longer.Config.Name);
        Assert.Equal(2 * baseline.Config.Train.MaxSteps, longer.Config.Train.MaxSteps);
        Assert.Equal(baseline.Config.Task.OptionsAs<PoseTaskOptions>().TagCoordinates, longer.Config.Task.OptionsAs<PoseTaskOptions>().TagCoordinates);
    }
}
