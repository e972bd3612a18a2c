using AeFramework.Tasks.Pose.Grouping;

namespace AeFramework.Tasks.Pose.Tests.Grouping;

/// <summary>Small hand-built maps whose grouping is worked out by hand from the reference's rules.</summary>
public class PoseGrouperTests
{
    private static readonly PoseGroupingOptions Plain = new() { Adjust = false, Refine = false };

    [Fact]
    public void NewPersonWithAnExistingKeyOverwritesThatPersonsJoint()
    {
        // Joint 1 has two candidates with the tag of the person from joint 0; the stronger one is assigned
        // to that person, the other gets a padding column and starts a "new" person under the same key
        // (tag 0), which in the reference's dictionary is the same person: its joint 1 is overwritten.
        var maps = new Maps(2, 8, 8).Peak(0, 1, 1, 0.7f, 0).Peak(1, 2, 2, 0.9f, 0).Peak(1, 6, 6, 0.5f, 0);

        var people = maps.Group(Plain);

        var person = Assert.Single(people);
        AssertKeypoints([[1, 1, 0.7f], [6, 6, 0.5f]], person);
        Assert.Equal((0.7f + 0.5f) / 2, person.Score);
    }

    [Theory]
    [InlineData(0.9f, 1)]
    [InlineData(1.1f, 2)]
    public void TagThresholdAppliesToTheDistanceNotTheRoundedCost(float tag, int expectedPeople)
    {
        // Distance 0.9 rounds to 1 (cost 99.4), yet joins because 0.9 < 1; distance 1.1 starts a new person.
        var maps = new Maps(2, 8, 8).Peak(0, 1, 1, 0.7f, 0).Peak(1, 6, 6, 0.6f, tag);

        Assert.Equal(expectedPeople, maps.Group(Plain).Count);
    }

    [Theory]
    [InlineData(0.5f, 1)]
    [InlineData(0.6f, 2)]
    public void MultiComponentTagsUseTheEuclideanDistance(float offset, int expectedPeople)
    {
        // Three components each `offset` apart: distance √3·0.5 ≈ 0.87 joins, √3·0.6 ≈ 1.04 does not.
        const int dim = 3;
        var heat = new float[2 * 8 * 8];
        var tags = new float[2 * 8 * 8 * dim];
        heat[1 * 8 + 1] = 0.7f;
        heat[64 + 6 * 8 + 6] = 0.6f;
        tags.AsSpan((64 + 6 * 8 + 6) * dim, dim).Fill(offset);

        var people = new PoseGrouper(Plain).Group(heat, tags, 2, 8, 8, dim);

        Assert.Equal(expectedPeople, people.Count);
    }

    [Theory]
    [InlineData(5, new[] { 5, 10 })]
    [InlineData(3, new[] { 5, 7, 10 })]
    [InlineData(1, new[] { 5, 7, 10, 6 })]
    public void SuppressesPeaksInsideTheMaxPoolWindow(int kernel, int[] expectedX)
    {
        // 0.2 at x=6 touches 0.9 at x=5; 0.5 at x=7 lies 2 pixels from it; 0.3 at x=10 lies 3 from x=7 and
        // 5 from x=5; 0.05 at x=13 is below the detection threshold. People come strongest first.
        var maps = new Maps(1, 4, 16).Peak(0, 5, 1, 0.9f, 0).Peak(0, 6, 1, 0.2f, 40).Peak(0, 7, 1, 0.5f, 10).Peak(0, 10, 1, 0.3f, 20).Peak(0, 13, 1, 0.05f, 30);

        var people = maps.Group(Plain with { NmsKernel = kernel });

        Assert.Equal(expectedX, people.Select(p => (int)p.Keypoints[0][0]));
        Assert.All(people, p => Assert.Equal(1, p.Keypoints[0][1]));
    }

    [Fact]
    public void KeepsOnlyTheStrongestPeaksPerJoint()
    {
        var maps = new Maps(1, 4, 16).Peak(0, 1, 1, 0.9f, 0).Peak(0, 6, 1, 0.5f, 10).Peak(0, 11, 1, 0.7f, 20);

        var people = maps.Group(Plain with { MaxNumPeople = 2 });

        Assert.Equal([0.9f, 0.7f], people.Select(p => p.Keypoints[0][2]));
    }

    [Fact]
    public void EqualNeighboursBothSurviveSuppression()
    {
        var maps = new Maps(1, 4, 16).Peak(0, 3, 1, 0.8f, 0).Peak(0, 4, 1, 0.8f, 10);

        var people = maps.Group(Plain);

        Assert.Equal([3, 4], people.Select(p => (int)p.Keypoints[0][0]).Order());
    }

    [Fact]
    public void IgnoreTooMuchSkipsJointsOnceThePeopleAreFull()
    {
        // Two people from joint 0 fill MaxNumPeople = 2; joint 1's candidate is then dropped, not matched.
        var maps = new Maps(2, 8, 16).Peak(0, 1, 1, 0.9f, 0).Peak(0, 8, 1, 0.8f, 5).Peak(1, 1, 6, 0.6f, 0);

        var kept = maps.Group(Plain with { MaxNumPeople = 2 });
        var ignored = maps.Group(Plain with { MaxNumPeople = 2, IgnoreTooMuch = true });

        Assert.Equal(0.6f, kept[0].Keypoints[1][2]);
        Assert.All(ignored, p => Assert.Equal(0f, p.Keypoints[1][2]));
    }

    [Fact]
    public void AdjustShiftsAQuarterPixelTowardTheLargerNeighbourAndClampsAtTheBorder()
    {
        var maps = new Maps(2, 8, 8)
            .Peak(0, 3, 4, 1.0f, 0).Set(0, 4, 4, 0.5f).Set(0, 2, 4, 0.2f).Set(0, 3, 3, 0.6f).Set(0, 3, 5, 0.1f)
            .Peak(1, 0, 0, 0.9f, 0).Set(1, 1, 0, 0.3f);

        var person = Assert.Single(maps.Group(Plain with { Adjust = true }));

        // Right 0.5 > left 0.2: x + 0.25; down 0.1 < up 0.6: y − 0.25; then +0.5. At the corner the clamped
        // neighbour is the peak itself: x: 0.3 (right) > 0.9 (itself) fails, so both axes go −0.25.
        AssertKeypoints([[3.75f, 4.25f, 1.0f], [0.25f, 0.25f, 0.9f]], person);
    }

    [Theory]
    [InlineData(5.3, 4.8, 0.0)]
    [InlineData(6.45, 3.6, 0.0)]
    [InlineData(5.3, 4.8, 0.6)]
    [InlineData(4.6, 5.35, -0.5)]
    public void QuadraticAdjustFindsTheVertexOfAGaussianPeak(double cx, double cy, double correlation)
    {
        // A Gaussian with covariance [[4, 4ρ], [4ρ, 4]] is a quadratic in the log: the fit recovers its centre exactly.
        var maps = new Maps(1, 12, 12);
        var (a, b, c) = InverseCovariance(4, 4, 4 * correlation);
        for (var y = 0; y < 12; y++)
        {
            for (var x = 0; x < 12; x++)
            {
                var (dx, dy) = (x - cx, y - cy);
                maps.Set(0, x, y, (float)Math.Exp(-0.5 * (a * dx * dx + 2 * b * dx * dy + c * dy * dy)));
            }
        }

        var person = Assert.Single(maps.Group(Plain with { Adjust = true, SubPixel = SubPixelMode.Quadratic }));

        Assert.Equal(cx + 0.5, person.Keypoints[0][0], 4);
        Assert.Equal(cy + 0.5, person.Keypoints[0][1], 4);
    }

    [Fact]
    public void QuadraticShiftFallsBackPerAxisWhereTheFitHasNoMaximum()
    {
        // Log values: centre 0; x neighbours −0.05 (right) and −0.15 (left), y neighbours −0.1; a strong cross term
        // (diagonal −0.05, anti-diagonal −2) makes the 2-D fit a saddle. Per axis: x moves 0.05 / 0.2 = 0.25, y stays.
        var maps = new Maps(1, 8, 8).Peak(0, 3, 4, 1f, 0)
            .Set(0, 4, 4, MathF.Exp(-0.05f)).Set(0, 2, 4, MathF.Exp(-0.15f)).Set(0, 3, 3, MathF.Exp(-0.1f)).Set(0, 3, 5, MathF.Exp(-0.1f))
            .Set(0, 4, 5, MathF.Exp(-0.05f)).Set(0, 2, 3, MathF.Exp(-0.05f)).Set(0, 4, 3, MathF.Exp(-2f)).Set(0, 2, 5, MathF.Exp(-2f));

        var person = Assert.Single(maps.Group(Plain with { Adjust = true, SubPixel = SubPixelMode.Quadratic }));

        Assert.Equal(3.75f, person.Keypoints[0][0], 5);
        Assert.Equal(4.5f, person.Keypoints[0][1], 5);
    }

    [Fact]
    public void QuadraticShiftStaysInsideThePixelAndNotAtTheBorder()
    {
        // A near-equal right neighbour puts the vertex 0.5 pixel away: clamped to 0.49. At x = 0 the x axis has no
        // left neighbour and is not moved; y, with equal neighbours, neither.
        var inside = new Maps(1, 8, 8).Peak(0, 3, 4, 1f, 0).Set(0, 4, 4, 0.999f).Set(0, 2, 4, 0.001f).Set(0, 3, 3, 0.5f).Set(0, 3, 5, 0.5f);
        var border = new Maps(1, 8, 8).Peak(0, 0, 4, 1f, 0).Set(0, 1, 4, 0.9f).Set(0, 0, 3, 0.5f).Set(0, 0, 5, 0.5f);
        var options = Plain with { Adjust = true, SubPixel = SubPixelMode.Quadratic };

        var clamped = Assert.Single(inside.Group(options));
        var atBorder = Assert.Single(border.Group(options));

        Assert.Equal(3.99f, clamped.Keypoints[0][0], 5);
        Assert.Equal(4.5f, clamped.Keypoints[0][1], 5);
        Assert.Equal(0.5f, atBorder.Keypoints[0][0]);
        Assert.Equal(4.5f, atBorder.Keypoints[0][1]);
    }

    private static (double A, double B, double C) InverseCovariance(double sxx, double syy, double sxy)
    {
        var det = sxx * syy - sxy * sxy;
        return (syy / det, -sxy / det, sxx / det);
    }

    [Fact]
    public void WithoutDetectionValuesTheNearestTagWinsAmongCandidatesThatRoundAlike()
    {
        // People A (tag 0) and B (tag 0.4) from joint 0. Joint 1's candidates: the stronger at tag 0.35 (B's), the
        // weaker at tag 0.05 (A's). Every distance rounds to 0, so the reference's cost sees four ties that only the
        // candidates' own values break; the plain distance gives each candidate to its nearest person.
        var maps = new Maps(2, 8, 8).Peak(0, 1, 1, 0.9f, 0).Peak(0, 1, 6, 0.8f, 0.4f)
            .Peak(1, 6, 1, 0.95f, 0.35f).Peak(1, 6, 6, 0.6f, 0.05f);

        var people = maps.Group(Plain with { UseDetectionVal = false });

        Assert.Equal(2, people.Count);
        var a = Assert.Single(people, p => p.Keypoints[0][1] == 1);
        var b = Assert.Single(people, p => p.Keypoints[0][1] == 6);
        Assert.Equal([6f, 6f, 0.6f], a.Keypoints[1]);
        Assert.Equal([6f, 1f, 0.95f], b.Keypoints[1]);
    }

    [Fact]
    public void RefineFillsAMissingJointAtTheFirstBestTagAwareMaximum()
    {
        // Joint 1 has nothing above the threshold. Its pixels score value − round(|tag − 0|): R (9,2) and
        // P (3,8) score 0.08; Q (6,5) has the larger value 0.09 but tag 3 (−2.91); the background has tag 5.
        // R and P tie: the first in row-major order, R, wins.
        var maps = new Maps(2, 12, 12).Peak(0, 2, 2, 0.8f, 0).FillTag(1, 5)
            .Peak(1, 9, 2, 0.08f, 0).Peak(1, 3, 8, 0.08f, 0).Peak(1, 6, 5, 0.09f, 3);

        var person = Assert.Single(maps.Group(Plain with { Adjust = true, Refine = true }));

        // R's neighbours are equal (0), so both axes take −0.25 after +0.5. The score is the mean before refining.
        AssertKeypoints([[2.25f, 2.25f, 0.8f], [9.25f, 2.25f, 0.08f]], person);
        Assert.Equal(0.8f / 2, person.Score);
    }

    [Fact]
    public void RefineLeavesAJointMissingWhenTheBestPixelIsNotPositive()
    {
        var maps = new Maps(2, 8, 8).Peak(0, 2, 2, 0.8f, 0);

        var person = Assert.Single(maps.Group(Plain with { Refine = true }));

        AssertKeypoints([[2, 2, 0.8f], [0, 0, 0]], person);
    }

    [Fact]
    public void VisitsJointsInTheConfiguredOrder()
    {
        // Visiting joint 1 first makes its two candidates the first two people; joint 0's candidate then
        // joins the one with the same tag.
        var maps = new Maps(2, 8, 16).Peak(0, 2, 2, 0.9f, 5).Peak(1, 2, 6, 0.7f, 0).Peak(1, 10, 6, 0.6f, 5);

        var people = maps.Group(Plain with { JointOrder = [1, 0] });

        Assert.Equal(2, people.Count);
        AssertKeypoints([[0, 0, 0], [2, 6, 0.7f]], people[0]);
        AssertKeypoints([[2, 2, 0.9f], [10, 6, 0.6f]], people[1]);
    }

    [Fact]
    public void EachFoundJointKeepsTheTagAtItsPixel()
    {
        // Two people (tags near 0 and near 5) with joints 0 and 1; joint 2 has no positive pixel, so refining
        // leaves it missing. Adjusted coordinates stay inside the found pixel, whose tag is the one kept.
        var maps = new Maps(3, 8, 16).Peak(0, 2, 2, 0.9f, 0.2f).Peak(1, 3, 5, 0.8f, 0.4f).Peak(0, 12, 2, 0.7f, 5f).Peak(1, 11, 5, 0.6f, 5.5f);

        var people = maps.Group(Plain with { Adjust = true, Refine = true });

        Assert.Equal(2, people.Count);
        var first = people.Single(p => p.Keypoints[0][0] < 8);
        var second = people.Single(p => p.Keypoints[0][0] > 8);
        Assert.Equal(new[] { new[] { 0.2f }, [0.4f], [] }, first.Tags);
        Assert.Equal(new[] { new[] { 5f }, [5.5f], [] }, second.Tags);
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(4.0, 2)]
    public void TagScaleAppliesBeforeTheThresholdAndTheRounding(double scale, int expectedPeople)
    {
        // Joint 1's tag lies 0.3 from joint 0's: below the threshold 1 unscaled, 1.2 scaled by 4.
        var maps = new Maps(2, 8, 8).Peak(0, 1, 1, 0.7f, 0).Peak(1, 6, 6, 0.6f, 0.3f);

        var people = maps.Group(Plain with { TagScale = scale });

        Assert.Equal(expectedPeople, people.Count);
        Assert.Equal((float)(0.3 * scale), people.SelectMany(p => p.Tags).Where(t => t.Length > 0).Max(t => t[0]), 5);
    }

    [Fact]
    public void MergeJoinsPiecesWithoutCommonJointTypesClosestFirst()
    {
        // Joints 0-1 and 2-3 of person A come apart (tags 0 and 1.6; threshold 1); person B has joints 0 and 2 at
        // tag 3.5. A's pieces share no joint type and lie 1.6 apart: merged at threshold 2. B shares joint types with
        // both pieces and stays apart even though the leg piece is 1.9 from it.
        var maps = new Maps(4, 8, 16)
            .Peak(0, 1, 1, 0.9f, 0).Peak(1, 1, 2, 0.9f, 0).Peak(2, 1, 5, 0.8f, 1.6f).Peak(3, 1, 6, 0.8f, 1.6f)
            .Peak(0, 12, 1, 0.7f, 3.5f).Peak(2, 12, 5, 0.7f, 3.5f);

        var split = maps.Group(Plain);
        var merged = maps.Group(Plain with { MergeThreshold = 2 });

        Assert.Equal(3, split.Count);
        Assert.Equal(2, merged.Count);
        var a = merged.Single(p => p.Keypoints[0][0] == 1);
        AssertKeypoints([[1, 1, 0.9f], [1, 2, 0.9f], [1, 5, 0.8f], [1, 6, 0.8f]], a);
        Assert.Equal((0.9f + 0.9f + 0.8f + 0.8f) / 4, a.Score, 6);
        Assert.Equal(new[] { new[] { 0f }, [0f], [1.6f], [1.6f] }, a.Tags);
    }

    [Fact]
    public void MergeReadsTheJoinedPersonsNewMeanTag()
    {
        // Tag threshold 0.4 splits A into A (tag 0, joint 0), P2 (0.6, joint 1) and P3 (−0.9, joint 2); B sits at tag 10.
        // At merge threshold 1 the closest pair A–P2 (0.6) joins first; A's mean becomes 0.3, 1.2 from P3, so P3 stays
        // apart (with A's old mean 0 it would be 0.9 away and join).
        var maps = new Maps(3, 8, 16)
            .Peak(0, 1, 1, 0.9f, 0).Peak(1, 1, 2, 0.9f, 0.6f).Peak(2, 1, 5, 0.8f, -0.9f)
            .Peak(0, 12, 1, 0.7f, 10).Peak(1, 12, 2, 0.7f, 10).Peak(2, 12, 5, 0.7f, 10);

        var people = maps.Group(Plain with { TagThreshold = 0.4, MergeThreshold = 1 });

        Assert.Equal(3, people.Count);
        var a = people.Single(p => p.Keypoints[0][0] == 1);
        AssertKeypoints([[1, 1, 0.9f], [1, 2, 0.9f], [0, 0, 0]], a);
        Assert.Single(people, p => p.Keypoints[2][0] == 1 && p.Keypoints[0][2] == 0);
    }

    [Theory]
    [InlineData(0.0, 12)]
    [InlineData(0.5, 12)]
    [InlineData(0.7, 1)]
    [InlineData(1.0, 1)]
    public void ParentTagWeightComparesCandidatesWithTheTagAtTheirParentJoint(double weight, int expectedX)
    {
        // Joints a → b → c (each the next one's parent). Person 1 at x = 1 has a (tag 0) and b (tag 1): mean 0.5;
        // person 2 at x = 12 has a and b at tag 3: mean 3. Joint c's one candidate (tag 1.9) lies 1.4 from person 1's
        // mean and 1.1 from person 2's. Against w·(tag at b) + (1 − w)·mean, person 1's reference is 0.5 + 0.5w
        // (distance 1.4 − 0.5w), person 2's stays 3 (1.1): person 1 wins once w > 0.6.
        var maps = new Maps(3, 8, 16)
            .Peak(0, 1, 1, 0.9f, 0).Peak(1, 1, 3, 0.9f, 1).Peak(0, 12, 1, 0.8f, 3).Peak(1, 12, 3, 0.8f, 3)
            .Peak(2, 6, 5, 0.7f, 1.9f);
        var options = Plain with { UseDetectionVal = false, TagThreshold = 1.5, ParentTagWeight = weight, ParentJoints = [-1, 0, 1] };

        var people = maps.Group(options);

        Assert.Equal(2, people.Count);
        var owner = Assert.Single(people, p => p.Keypoints[2][2] > 0);
        Assert.Equal(expectedX, owner.Keypoints[0][0]);
        Assert.Equal([6, 5, 0.7f], owner.Keypoints[2]);
    }

    [Fact]
    public void ParentTagWeightFallsBackToTheMeanWhenThePersonLacksTheParent()
    {
        // As above with weight 1, but person 1 has no b (its a alone, tag 0.5): its reference is its mean, 0.5,
        // 1.4 from the candidate, and person 2 (1.1) takes c. Joint b's tags are 1.5 away from its peaks, so a tag
        // read for the missing joint anywhere would hand c to person 1 (0.4).
        var maps = new Maps(3, 8, 16).FillTag(1, 1.5f)
            .Peak(0, 1, 1, 0.9f, 0.5f).Peak(0, 12, 1, 0.8f, 3).Peak(1, 12, 3, 0.8f, 3)
            .Peak(2, 6, 5, 0.7f, 1.9f);
        var options = Plain with { UseDetectionVal = false, TagThreshold = 1.5, ParentTagWeight = 1, ParentJoints = [-1, 0, 1] };

        var owner = Assert.Single(maps.Group(options), p => p.Keypoints[2][2] > 0);

        Assert.Equal(12, owner.Keypoints[0][0]);
    }

    [Fact]
    public void RejectsInvalidOptionsAndShapes()
    {
        Assert.Throws<ArgumentException>(() => new PoseGrouper(Plain with { NmsKernel = 4 }));
        Assert.Throws<ArgumentException>(() => new PoseGrouper(Plain with { DetectionThreshold = -0.1 }));
        Assert.Throws<ArgumentException>(() => new PoseGrouper(Plain with { JointOrder = [0, 0] }));
        Assert.Throws<ArgumentException>(() => new PoseGrouper(Plain with { TagScale = 0 }));
        Assert.Throws<ArgumentException>(() => new PoseGrouper(Plain with { MergeThreshold = -1 }));
        Assert.Throws<ArgumentException>(() => new PoseGrouper(Plain with { ParentTagWeight = 1.5 }));
        Assert.Throws<ArgumentException>(() => new PoseGrouper(Plain with { ParentTagWeight = double.NaN }));
        var maps = new Maps(2, 8, 8);
        Assert.Throws<ArgumentException>(() => maps.Group(Plain with { ParentTagWeight = 0.5 }));
        Assert.Throws<ArgumentException>(() => maps.Group(Plain with { ParentTagWeight = 0.5, ParentJoints = [-1, 1] }));
        Assert.Throws<ArgumentException>(() => maps.Group(Plain with { ParentTagWeight = 0.5, ParentJoints = [-1, 0, 1] }));
        Assert.Throws<ArgumentException>(() => maps.Group(Plain with { JointOrder = [0, 1, 2] }));
        Assert.Throws<ArgumentException>(() => new PoseGrouper(Plain).Group(maps.Heat, maps.Tag.AsSpan(1), 2, 8, 8, 1));
    }

    [Fact]
    public void EachBadSettingIsReportedAtItsConfigKey()
    {
        Assert.Empty(Plain.Validate());
        Assert.Empty((Plain with { ParentTagWeight = 1, ParentJoints = [-1, 0] }).Validate());
        (PoseGroupingOptions Options, string Key)[] cases =
        [
            (Plain with { DetectionThreshold = double.PositiveInfinity }, "detection_threshold"),
            (Plain with { TagThreshold = double.NaN }, "tag_threshold"),
            (Plain with { TagScale = -1 }, "tag_scale"),
            (Plain with { MergeThreshold = double.NaN }, "merge_threshold"),
            (Plain with { MaxNumPeople = 0 }, "max_num_people"),
            (Plain with { NmsKernel = 0 }, "nms_kernel"),
            (Plain with { JointOrder = [0, -1] }, "joint_order"),
            (Plain with { ParentTagWeight = -0.1 }, "parent_tag_weight"),
            (Plain with { ParentJoints = [-2, 0] }, "parent_joints"),
            (Plain with { ParentJoints = [-1, 1] }, "parent_joints"),
        ];
        foreach (var (options, key) in cases)
        {
            Assert.Equal(key, Assert.Single(options.Validate()).Key);
            Assert.Contains(key, Assert.Throws<ArgumentException>(() => new PoseGrouper(options)).Message, StringComparison.Ordinal);
        }
    }

    private static void AssertKeypoints(float[][] expected, PosePerson person)
    {
        Assert.Equal(expected.Length, person.Keypoints.Length);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j], person.Keypoints[j]);
        }
    }

    /// <summary>Heatmaps [K, H, W] and one-dimensional tags, zero unless set.</summary>
    private sealed class Maps(int joints, int height, int width)
    {
        public float[] Heat { get; } = new float[joints * height * width];
        public float[] Tag { get; } = new float[joints * height * width];

        public Maps Peak(int joint, int x, int y, float value, float tag)
        {
            Set(joint, x, y, value);
            Tag[(joint * height + y) * width + x] = tag;
            return this;
        }

        public Maps Set(int joint, int x, int y, float value)
        {
            Heat[(joint * height + y) * width + x] = value;
            return this;
        }

        public Maps FillTag(int joint, float tag)
        {
            Tag.AsSpan(joint * height * width, height * width).Fill(tag);
            return this;
        }

        public IReadOnlyList<PosePerson> Group(PoseGroupingOptions options) =>
            new PoseGrouper(options).Group(Heat, Tag, joints, height, width, 1);
    }
}
