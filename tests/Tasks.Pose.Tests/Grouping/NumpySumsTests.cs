using AeFramework.Tasks.Pose.Grouping;

namespace AeFramework.Tasks.Pose.Tests.Grouping;

/// <summary>NumPy's summation orders, worked by hand on values where the order changes the float32 result.</summary>
public class NumpySumsTests
{
    private const float TwoTo24 = 16777216f;

    [Fact]
    public void PairwiseSumUsesEightPartialSums()
    {
        // 2^24 followed by eight ones. One by one every 1 is lost (2^24 + 1 rounds back to 2^24). NumPy's
        // eight partial sums give ((2^24+1) + 2) + (2 + 2) = 2^24 + 6, then + 1 = 2^24 + 7, which rounds
        // to even: 2^24 + 8.
        float[] values = [TwoTo24, 1, 1, 1, 1, 1, 1, 1, 1];

        Assert.Equal(TwoTo24 + 8, NumpySums.PairwiseSum(values, 0, values.Length, 1));
    }

    [Fact]
    public void ShortSumsAndOtherAxesAccumulateInOrder()
    {
        float[] seven = [TwoTo24, 1, 1, 1, 1, 1, 1];
        Assert.Equal(TwoTo24, NumpySums.PairwiseSum(seven, 0, seven.Length, 1));

        // Column 0 of a [9, 2] array is reduced along the non-contiguous axis: one by one.
        var rows = new float[18];
        for (var i = 0; i < 9; i++)
        {
            rows[i * 2] = i == 0 ? TwoTo24 : 1;
            rows[i * 2 + 1] = 9;
        }
        var mean = new float[2];
        NumpySums.MeanOfRows(rows, 9, 2, mean);
        Assert.Equal(TwoTo24 / 9, mean[0]);
        Assert.Equal(9f, mean[1]);
    }

    [Fact]
    public void MeanOfOneColumnIsPairwise()
    {
        float[] values = [TwoTo24, 1, 1, 1, 1, 1, 1, 1, 1];
        var mean = new float[1];
        NumpySums.MeanOfRows(values, 9, 1, mean);
        Assert.Equal((TwoTo24 + 8) / 9, mean[0]);
    }

    [Fact]
    public void PairwiseSumHonoursTheStride()
    {
        // The score column of three joints stored as (x, y, score).
        float[] joints = [5, 6, 0.5f, 7, 8, 0.25f, 9, 10, 0.125f];
        Assert.Equal(0.875f, NumpySums.PairwiseSum(joints, 2, 3, 3));
    }
}
