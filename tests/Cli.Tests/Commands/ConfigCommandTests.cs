namespace AeFramework.Cli.Tests.Commands;

public class ConfigCommandTests
{
    private static readonly string Configs = Path.Combine(AppContext.BaseDirectory, "Configs");

    private static AeProcess.Result Config(params string[] args) =>
        AeProcess.Run(Configs, ["config", .. args]);

    private static string[] ErrorLines(AeProcess.Result r)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.DoesNotContain("   at ", r.Stderr);
        return r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void UnknownKeyNamesFileLineColumnPathAndSuggestion()
    {
        var line = Assert.Single(ErrorLines(Config("bad_unknown_key.yaml")));
        Assert.Contains("bad_unknown_key.yaml:4:3: task.tag_dims: unknown key 'tag_dims'; did you mean 'tag_dim'?", line);
    }

    [Fact]
    public void WrongTypeNamesTheExpectedType()
    {
        var line = Assert.Single(ErrorLines(Config("bad_wrong_type.yaml")));
        Assert.Contains("bad_wrong_type.yaml:2:10: threads: expected an integer, got 'many'", line);
    }

    [Fact]
    public void UnknownComponentListsTheValidNames()
    {
        var line = Assert.Single(ErrorLines(Config("bad_unknown_component.yaml")));
        Assert.Contains("bad_unknown_component.yaml:2:9: task.type: unknown task 'poses' (did you mean 'pose'?); valid: corners, instance_seg, pose", line);
    }

    [Fact]
    public void BaseCycleIsReportedWhereItCloses()
    {
        var line = Assert.Single(ErrorLines(Config("cycle_a.yaml")));
        Assert.Contains("cycle_b.yaml:1:21: _base_: _base_ cycle: cycle_a.yaml -> cycle_b.yaml -> cycle_a.yaml", line);
    }

    [Fact]
    public void MissingPluginFileNamesTheEntryAndThePath()
    {
        var line = Assert.Single(ErrorLines(Config("bad_missing_plugin.yaml")));
        Assert.Contains("bad_missing_plugin.yaml:3:5: plugins: plugin assembly not found: ", line);
        Assert.Contains(Path.Combine("Configs", "plugins", "DoesNotExist.dll"), line);
    }

    [Fact]
    public void AllProblemsAreReportedTogetherOneLineEach()
    {
        var lines = ErrorLines(Config("bad_several.yaml"));
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("bad_several.yaml:3:12: task.tag_dim: expected an integer, got 'zero'"));
        Assert.Contains(lines, l => l.Contains("bad_several.yaml:5:1: devcie: unknown key 'devcie'; did you mean 'device'?"));
        Assert.Contains(lines, l => l.Contains("bad_several.yaml:4:10: threads: expected 0 (libtorch default) or a positive thread count"));
    }

    [Fact]
    public void PrintsTheResolvedConfigWithInheritanceOverridesAndDefaults()
    {
        var r = Config("child.yaml", "--set", "threads=3", "--set", "task.tag_dim=4");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("name: child", r.Stdout);
        Assert.Contains("threads: 3", r.Stdout);
        Assert.Contains("  tag_dim: 4", r.Stdout);
        Assert.Contains("  type: pose", r.Stdout);
        Assert.Contains("device: auto", r.Stdout); // a default, never written in the files
    }

    [Fact]
    public void OverrideValuesAreTypedByTheSchema()
    {
        // "name" is a string: 123 stays the text "123" (quoted when written back); threads rejects text.
        var ok = Config("base.yaml", "--set", "name=123");
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Contains("name: \"123\"", ok.Stdout);
        var bad = Single(ErrorLines(Config("base.yaml", "--set", "threads=two")));
        Assert.Contains("--set threads=two: threads: expected an integer, got 'two'", bad);
    }

    [Fact]
    public void EveryLossWeightIsCheckedAtItsKey()
    {
        // `weight` is shared by all losses (their base options), push_weight is the tag loss's own.
        var shared = Single(ErrorLines(Config("base.yaml", "--set", "task.losses.tags.weight=.nan")));
        Assert.Contains("--set task.losses.tags.weight=.nan: task.losses.tags.weight: expected a finite weight of 0 or more, got NaN", shared);
        var own = Single(ErrorLines(Config("base.yaml", "--set", "task.losses.tags.push_weight=.inf")));
        Assert.Contains("task.losses.tags.push_weight: expected a finite weight of 0 or more, got Infinity", own);
    }

    [Fact]
    public void SamplePluginDeclaredInYamlIsLoadedFromDiskAndUsed()
    {
        var dir = Directory.CreateTempSubdirectory("ae-plugin-");
        File.WriteAllText(Path.Combine(dir.FullName, "landmarks.yaml"),
            $"plugins: ['{AeProcess.SamplePluginDll}']\ntask:\n  type: landmarks\n  landmarks: [a, b, c]\n");
        var r = AeProcess.Run(dir.FullName, "config", "landmarks.yaml");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("type: landmarks", r.Stdout);
        Assert.Contains("landmarks: [a, b, c]", r.Stdout);
        var bad = AeProcess.Run(dir.FullName, "config", "landmarks.yaml", "--set", "task.landmarks=[]");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("task.landmarks: expected at least one landmark name", bad.Stderr);
        dir.Delete(true);
    }

    private static string Single(string[] lines) => Assert.Single(lines);
}
