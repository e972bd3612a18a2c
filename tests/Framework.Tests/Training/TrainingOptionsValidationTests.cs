using AeFramework.Training;

namespace AeFramework.Tests.Training;

public class TrainingOptionsValidationTests
{
    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.Empty(new AdamOptions().Validate());
        Assert.Empty(new SgdOptions().Validate());
        Assert.Empty(new TrainOptions().Validate());
        Assert.Empty(new ConstantScheduleOptions().Validate());
        Assert.Empty(new StepScheduleOptions { Milestones = [10, 20] }.Validate());
        Assert.Empty(new CosineScheduleOptions { MinFactor = 1 }.Validate());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void NumbersThatWouldTrainIntoNanWeightsAreReportedAtTheirKeys(double bad)
    {
        Assert.Equal(
            ["lr", "beta1", "beta2", "eps", "weight_decay"],
            new AdamOptions { Lr = bad, Beta1 = bad, Beta2 = bad, Eps = bad, WeightDecay = bad }.Validate().Select(p => p.Key));
        Assert.Equal(
            ["lr", "momentum", "weight_decay"],
            new SgdOptions { Lr = bad, Momentum = bad, WeightDecay = bad }.Validate().Select(p => p.Key));
        Assert.Equal(["grad_clip"], new TrainOptions { GradClip = bad }.Validate().Select(p => p.Key));
        Assert.Equal(["warmup_factor", "gamma"], new StepScheduleOptions { WarmupFactor = bad, Gamma = bad }.Validate().Select(p => p.Key));
        Assert.Equal(["warmup_factor", "min_factor"], new CosineScheduleOptions { WarmupFactor = bad, MinFactor = bad }.Validate().Select(p => p.Key));
    }

    [Fact]
    public void TheMessageGivesTheValueItGot()
    {
        var problem = Assert.Single(new AdamOptions { Lr = double.NaN }.Validate());

        Assert.Equal(("lr", "expected a positive learning rate, got NaN"), problem);
    }

    [Fact]
    public void ACosineFloorAboveOneIsReported()
    {
        Assert.Equal(["min_factor"], new CosineScheduleOptions { MinFactor = 1.5 }.Validate().Select(p => p.Key));
    }
}
