using AeFramework.Testing;

namespace AeFramework.Cli.Tests.Commands;

public class ShippedConfigsTests
{
    public static TheoryData<string> Experiments()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(SharedData.RepoRoot, "configs");
        foreach (var file in Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!file.Contains($"{Path.DirectorySeparatorChar}datasets{Path.DirectorySeparatorChar}"))
            {
                data.Add(Path.GetRelativePath(SharedData.RepoRoot, file));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void EveryShippedExperimentConfigValidates(string config)
    {
        var r = AeProcess.Run(SharedData.RepoRoot, "config", config);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("task:", r.Stdout);
    }
}
