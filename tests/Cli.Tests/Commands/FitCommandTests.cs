namespace AeFramework.Cli.Tests.Commands;

public class FitCommandTests
{
    [Fact]
    public void TrainingFitsTheRescoringIntoTheRunFolderAndEvalLoadsItFromThere()
    {
        var dir = Directory.CreateTempSubdirectory("ae-fit-").FullName;
        var config = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(config, TrainCommandTests.TinyPoseConfig(dir, 3, "{type: pose, flip_test: false, rescoring: {epochs: 2}}"));
        var run = Path.Combine(dir, "runs", "tiny");
        var fitted = Path.Combine(run, "rescorer.safetensors");

        var train = AeProcess.Run(dir, "train", config);

        Assert.True(train.ExitCode == 0, train.Stderr + train.Stdout);
        Assert.True(File.Exists(fitted), "training left no rescorer.safetensors in the run folder");
        Assert.Contains("rescoring fitted on", train.Stdout);
        var eval = AeProcess.Run(dir, "eval", config, "--weights", run);
        Assert.True(eval.ExitCode == 0, eval.Stderr + eval.Stdout);
        Assert.Contains($"{fitted} loaded", eval.Stdout);

        // Refitting the same weights writes the same file again; weights without one evaluate with a warning.
        var before = File.ReadAllBytes(fitted);
        File.Delete(fitted);
        var fit = AeProcess.Run(dir, "fit", config, "--weights", run);
        Assert.True(fit.ExitCode == 0, fit.Stderr + fit.Stdout);
        Assert.Equal(before, File.ReadAllBytes(fitted));
        var alone = Path.Combine(dir, "alone");
        Directory.CreateDirectory(alone);
        var checkpoint = Directory.GetDirectories(Path.Combine(run, "checkpoints")).Order().Last();
        File.Copy(Path.Combine(checkpoint, "model.safetensors"), Path.Combine(alone, "model.safetensors"));
        var bare = AeProcess.Run(dir, "eval", config, "--weights", Path.Combine(alone, "model.safetensors"));
        Assert.True(bare.ExitCode == 0, bare.Stderr + bare.Stdout);
        Assert.Contains("no rescorer.safetensors beside", bare.Stdout + bare.Stderr);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void FittingAConfigWithNothingToFitIsRefusedNamingTheKey()
    {
        var dir = Directory.CreateTempSubdirectory("ae-fit-").FullName;
        var config = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(config, TrainCommandTests.TinyPoseConfig(dir, 3));

        var r = AeProcess.Run(dir, "fit", config, "--weights", Path.Combine(dir, "runs", "tiny"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nothing to fit after training", r.Stderr);
        Assert.Contains("task.rescoring", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);

        File.WriteAllText(config, TrainCommandTests.TinyPoseConfig(dir, 3, "{type: pose, rescoring: {hidden: 0}}"));
        var bad = AeProcess.Run(dir, "train", config);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("task.rescoring.hidden", bad.Stderr);
        Assert.Contains("expected at least 1, got 0", bad.Stderr);
        Directory.Delete(dir, true);
    }
}
