using AeFramework.Data.Schema;
using AeFramework.Data.Synthetic;
using AeFramework.Data.Synthetic.Pose;

namespace AeFramework.Tests.Data.Synthetic;

public class PoseSceneTests
{
    private static readonly SyntheticPoseOptions Plain = new() { NoiseAmplitude = 0 };

    private static IEnumerable<Scene> Scenes(SyntheticPoseOptions options, int count, int first = 0)
    {
        var generator = new PoseSceneGenerator(options);
        return Enumerable.Range(first, count).Select(generator.Generate);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 5)]
    [InlineData(6, 6)]
    public void PeoplePerImageStayInTheConfiguredRange(int min, int max)
    {
        foreach (var scene in Scenes(new SyntheticPoseOptions { MinPeople = min, MaxPeople = max }, 60))
        {
            Assert.InRange(scene.Objects.Count(o => !o.IsCrowd), min, max);
        }
    }

    [Fact]
    public void KeypointsFollowCocoVisibilityRules()
    {
        int visible = 0, hidden = 0, unlabelled = 0;
        foreach (var scene in Scenes(Plain, 80))
        {
            foreach (var person in scene.Objects.Where(o => !o.IsCrowd))
            {
                Assert.Equal(17, person.Keypoints!.Count);
                foreach (var k in person.Keypoints)
                {
                    var (x, y) = ((int)Math.Floor(k.X + 0.5), (int)Math.Floor(k.Y + 0.5));
                    switch (k.Visibility)
                    {
                        case 2:
                            visible++;
                            Assert.True(person.Mask[x, y], $"visible keypoint ({k.X}, {k.Y}) is not on its person's pixels");
                            break;
                        case 1:
                            hidden++;
                            Assert.InRange(x, 0, scene.Width - 1);
                            Assert.InRange(y, 0, scene.Height - 1);
                            break;
                        default:
                            unlabelled++;
                            Assert.Equal((0.0, 0.0, 0), (k.X, k.Y, k.Visibility));
                            break;
                    }
                }
            }
        }
        // All three kinds occur, visible ones most.
        Assert.True(visible > hidden && hidden > 0 && unlabelled > 0, $"visible {visible}, hidden {hidden}, unlabelled {unlabelled}");
        Assert.True(hidden > 0.05 * (visible + hidden), $"only {hidden} of {visible + hidden} labelled keypoints are hidden");
    }

    [Fact]
    public void MasksArePartsOfOneImageThatDoNotOverlap()
    {
        foreach (var scene in Scenes(new SyntheticPoseOptions { CrowdProbability = 0.5 }, 40))
        {
            var owner = new int[scene.Width * scene.Height];
            for (var i = 0; i < scene.Objects.Count; i++)
            {
                var mask = scene.Objects[i].Mask;
                Assert.True(mask.Count() >= Plain.MinVisiblePixels);
                for (var p = 0; p < owner.Length; p++)
                {
                    if (mask.Data[p] != 0)
                    {
                        Assert.Equal(0, owner[p]);
                        owner[p] = i + 1;
                    }
                }
            }
        }
    }

    [Fact]
    public void EachKeypointTypeHasItsOwnMarkerColourInEveryPerson()
    {
        // Without sensor noise the pixel under a visible keypoint shows its marker: one colour per keypoint type
        // across all people, and a different colour for every type (left and right included).
        var colours = new Dictionary<int, HashSet<(byte, byte, byte)>>();
        foreach (var scene in Scenes(Plain, 40))
        {
            foreach (var person in scene.Objects.Where(o => !o.IsCrowd))
            {
                for (var k = 0; k < 17; k++)
                {
                    var kp = person.Keypoints![k];
                    if (kp.Visibility == 2)
                    {
                        var i = 3 * ((int)Math.Floor(kp.Y + 0.5) * scene.Width + (int)Math.Floor(kp.X + 0.5));
                        (colours.TryGetValue(k, out var set) ? set : colours[k] = []).Add((scene.Pixels[i], scene.Pixels[i + 1], scene.Pixels[i + 2]));
                    }
                }
            }
        }
        Assert.Equal(17, colours.Count);
        Assert.All(colours.Values, set => Assert.Single(set));
        Assert.Equal(17, colours.Values.Select(s => s.Single()).Distinct().Count());
    }

    [Fact]
    public void PeopleStandCloseTogether()
    {
        // Grouping must matter: in most images with several people, some two of them have overlapping boxes.
        int multi = 0, touching = 0;
        foreach (var scene in Scenes(new SyntheticPoseOptions(), 100))
        {
            var boxes = scene.Objects.Where(o => !o.IsCrowd).Select(o => o.Mask.Extent()!.Value).ToList();
            if (boxes.Count < 2)
            {
                continue;
            }
            multi++;
            if (boxes.SelectMany((a, i) => boxes.Skip(i + 1).Select(b => (a, b))).Any(p =>
                p.a.X < p.b.X + p.b.Width && p.b.X < p.a.X + p.a.Width && p.a.Y < p.b.Y + p.b.Height && p.b.Y < p.a.Y + p.a.Height))
            {
                touching++;
            }
        }
        Assert.True(multi > 50 && touching > 0.7 * multi, $"{touching} of {multi} multi-person images have overlapping people");
    }

    [Fact]
    public void CrowdRegionsCarryNoKeypoints()
    {
        var crowds = 0;
        foreach (var scene in Scenes(new SyntheticPoseOptions { CrowdProbability = 1 }, 20))
        {
            foreach (var crowd in scene.Objects.Where(o => o.IsCrowd))
            {
                crowds++;
                Assert.Null(crowd.Keypoints);
                Assert.True(crowd.Mask.Count() >= Plain.MinVisiblePixels);
            }
            Assert.True(scene.Objects.Count(o => o.IsCrowd) <= 1);
        }
        Assert.True(crowds >= 18, $"{crowds} crowds in 20 images drawn with crowd probability 1");
    }

    [Fact]
    public void FlipPairsSwapEachLeftKeypointWithItsRightTwin()
    {
        var names = CocoPersonKeypoints.Names;
        Assert.Equal(8, CocoPersonKeypoints.FlipPairs.Count);
        foreach (var (left, right) in CocoPersonKeypoints.FlipPairs)
        {
            Assert.StartsWith("left_", names[left]);
            Assert.Equal("right_" + names[left]["left_".Length..], names[right]);
        }
        // Every keypoint but the nose is in exactly one pair.
        var paired = CocoPersonKeypoints.FlipPairs.SelectMany(p => new[] { p.Left, p.Right }).Order();
        Assert.Equal(Enumerable.Range(1, 16), paired);
    }

    [Fact]
    public void TheSameSeedDrawsTheSameScene()
    {
        var a = new PoseSceneGenerator(Plain with { CrowdProbability = 0.5 });
        var b = new PoseSceneGenerator(Plain with { CrowdProbability = 0.5 });
        foreach (var seed in new[] { 0, 1, 12345 })
        {
            var (sa, sb) = (a.Generate(seed), b.Generate(seed));
            Assert.Equal(sa.Pixels, sb.Pixels);
            Assert.Equal(sa.Objects.Count, sb.Objects.Count);
            for (var i = 0; i < sa.Objects.Count; i++)
            {
                Assert.Equal(sa.Objects[i].Mask.Data, sb.Objects[i].Mask.Data);
                Assert.Equal(sa.Objects[i].Keypoints, sb.Objects[i].Keypoints);
            }
        }
        Assert.NotEqual(a.Generate(0).Pixels, a.Generate(1).Pixels);
    }

    [Fact]
    public void TheCrowdPoseSetLabelsItsFourteenKeypointsWithHeadTopAndNeckMarkers()
    {
        var options = Plain with { Keypoints = SyntheticKeypointSet.Crowdpose14 };
        var category = Assert.Single(new PoseSceneGenerator(options).Categories);
        var schema = KeypointSchema.CrowdPose14;
        Assert.Equal(schema.KeypointNames, category.Keypoints);
        Assert.Equal(schema.Links.Select(l => (l.From + 1, l.To + 1)), category.Skeleton!);
        int head = schema.IndexOf("head"), neck = schema.IndexOf("neck"), leftShoulder = schema.IndexOf("left_shoulder");
        int people = 0, upright = 0, markedHeads = 0, markedNecks = 0;
        var shoulderColours = new HashSet<(byte, byte, byte)>();
        foreach (var scene in Scenes(options, 40))
        {
            foreach (var person in scene.Objects.Where(o => !o.IsCrowd))
            {
                Assert.Equal(14, person.Keypoints!.Count);
                (byte, byte, byte) ColourAt(SceneKeypoint k)
                {
                    var i = 3 * ((int)Math.Floor(k.Y + 0.5) * scene.Width + (int)Math.Floor(k.X + 0.5));
                    return (scene.Pixels[i], scene.Pixels[i + 1], scene.Pixels[i + 2]);
                }
                foreach (var k in person.Keypoints.Where(k => k.Visibility == 2))
                {
                    Assert.True(person.Mask[(int)Math.Floor(k.X + 0.5), (int)Math.Floor(k.Y + 0.5)], $"visible keypoint ({k.X}, {k.Y}) is not on its person's pixels");
                }
                var (h, n) = (person.Keypoints[head], person.Keypoints[neck]);
                // Without noise a visible head top or neck shows its black centre dot.
                if (h.Visibility == 2)
                {
                    Assert.Equal(((byte)20, (byte)20, (byte)20), ColourAt(h));
                    markedHeads++;
                }
                if (n.Visibility == 2)
                {
                    Assert.Equal(((byte)20, (byte)20, (byte)20), ColourAt(n));
                    markedNecks++;
                }
                if (person.Keypoints[leftShoulder].Visibility == 2)
                {
                    shoulderColours.Add(ColourAt(person.Keypoints[leftShoulder]));
                }
                if (h.Visibility > 0 && n.Visibility > 0)
                {
                    people++;
                    upright += h.Y < n.Y ? 1 : 0;
                }
            }
        }
        Assert.True(markedHeads > 20 && markedNecks > 20, $"{markedHeads} visible head tops, {markedNecks} visible necks");
        Assert.True(people > 20 && upright == people, $"the head top is above the neck in {upright} of {people} people");
        // The limb joints keep COCO's markers: one colour for every left shoulder.
        Assert.Single(shoulderColours);
    }
}
