using System.Text.Json;
using AeFramework.Tasks.Pose.Grouping;

namespace AeFramework.Tasks.Pose.Tests.Grouping;

public class PoseGroupingJsonTests
{
    private static readonly IReadOnlyList<IReadOnlyList<PosePerson>> Batch =
    [
        [new PosePerson([[1.25f, 2.75f, 0.5f], [0, 0, 0]], 0.25f)],
        [],
    ];

    [Fact]
    public void WritesOneArrayOfPeoplePerImage()
    {
        Assert.Equal(
            """[[{"keypoints":[[1.25,2.75,0.5],[0,0,0]],"score":0.25}],[]]""",
            PoseGroupingJson.Serialize(Batch));
    }

    [Fact]
    public void FloatsReadBackExactly()
    {
        var person = new PosePerson([[0.1f, 1f / 3, 0.6855869889259338f]], 0.37092751264572144f);

        using var doc = JsonDocument.Parse(PoseGroupingJson.Serialize([[person]]));

        var p = doc.RootElement[0][0];
        Assert.Equal(person.Keypoints[0], p.GetProperty("keypoints")[0].EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(person.Score, p.GetProperty("score").GetSingle());
    }

    [Fact]
    public void WritesTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("ae-grouping-");
        try
        {
            var path = Path.Combine(dir.FullName, "out", "people.json");
            PoseGroupingJson.WriteFile(path, Batch);
            Assert.Equal(PoseGroupingJson.Serialize(Batch), File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
