using System.Text.Json;
using AeFramework.Data;
using AeFramework.Data.Synthetic;
using AeFramework.Tests.Data.Synthetic;

namespace AeFramework.Tests.Data;

public class SyntheticSourceTests
{
    private static SyntheticSourceOptions Small(string root) => new() { Root = root, Train = 4, Val = 6, Size = 96, Seed = 3 };

    /// <summary>Annotated (non-crowd) people in each image of a split, read from its annotation file.</summary>
    private static int[] PeoplePerImage(string annotationFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(annotationFile));
        var people = json.RootElement.GetProperty("images").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt64(), _ => 0);
        foreach (var a in json.RootElement.GetProperty("annotations").EnumerateArray().Where(a => a.GetProperty("iscrowd").GetInt32() == 0))
        {
            people[a.GetProperty("image_id").GetInt64()]++;
        }
        return people.Values.ToArray();
    }

    [Fact]
    public void LeftOutCrowdingKeysGiveTheGeneratorsDefaultsAndThePlainFolder()
    {
        using var temp = new TempFolder();
        var options = Small(temp.Path);
        var generator = new SyntheticPoseOptions();

        Assert.Equal(generator with { Width = 96, Height = 96, Seed = 3 }, options.PoseOptions());
        Assert.Equal(Path.Combine(temp.Path, "pose_96px_4+6_seed3"), new SyntheticSource(options).Directory);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void CrowdingKeysReachTheGeneratorAndNameTheirOwnFolder()
    {
        using var temp = new TempFolder();
        var crowded = Small(temp.Path) with { MinPeople = 3, MaxPeople = 3, GroupProbability = 1, GroupSpread = 0.25 };
        var single = Small(temp.Path) with { MaxPeople = 1 };
        var (crowdedSource, singleSource) = (new SyntheticSource(crowded), new SyntheticSource(single));

        Assert.Equal(Path.Combine(temp.Path, "pose_96px_4+6_seed3_min_people3_max_people3_group_probability1_group_spread0.25"), crowdedSource.Directory);
        Assert.Equal(Path.Combine(temp.Path, "pose_96px_4+6_seed3_max_people1"), singleSource.Directory);
        Assert.Equal((3, 3, 1.0, 0.25), (crowded.PoseOptions().MinPeople, crowded.PoseOptions().MaxPeople, crowded.PoseOptions().GroupProbability, crowded.PoseOptions().GroupSpread));

        crowdedSource.Open(DataSplit.Val, null);
        singleSource.Open(DataSplit.Val, null);
        // The generator places as many people as it can fit: never more than asked, and here every one of them.
        Assert.All(PeoplePerImage(Path.Combine(crowdedSource.Directory, "val", "annotations.json")), n => Assert.Equal(3, n));
        Assert.All(PeoplePerImage(Path.Combine(singleSource.Directory, "val", "annotations.json")), n => Assert.Equal(1, n));
    }

    [Fact]
    public void BadCrowdingIsReportedAtItsKeys()
    {
        var problems = (Small("unused") with { MinPeople = 5, MaxPeople = 2, GroupProbability = 1.5, GroupSpread = -1 }).Validate().ToList();
        Assert.Equal(["max_people", "group_probability", "group_spread"], problems.Select(p => p.Key));
        Assert.Contains("min_people = 5", problems[0].Message);

        var corners = (Small("unused") with { Kind = SyntheticDatasetKind.Corners, MaxPeople = 2 }).Validate().ToList();
        Assert.Equal("max_people", Assert.Single(corners).Key);
        Assert.Contains("only the pose set has people", corners[0].Message);
    }
}
