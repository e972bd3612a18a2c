using AeFramework.Experiments;
using AeFramework.Testing;

namespace AeFramework.Tests.Experiments;

public class ExperimentLoaderTests
{
    [Theory]
    [InlineData("coco_keypoints.yaml")]
    [InlineData("crowdpose_keypoints.yaml")]
    public void AKeypointSchemaGivenAsAnExperimentIsNamedForWhatItIs(string file)
    {
        var path = Path.Combine(SharedData.RepoRoot, "configs", "datasets", file);
        var keypointsLine = File.ReadLines(path).Select((text, i) => (text, i)).First(l => l.text.StartsWith("keypoints:", StringComparison.Ordinal)).i + 1;

        var problem = Assert.Single(Assert.Throws<AeInputException>(() => ExperimentLoader.Load(path, defaultPlugins: [])).Problems);

        Assert.Equal((Path.GetFullPath(path), keypointsLine, "keypoints"), (Path.GetFullPath(problem.File), problem.Line, problem.KeyPath));
        Assert.StartsWith("this is a keypoint schema, not an experiment config", problem.Message, StringComparison.Ordinal);
    }
}
