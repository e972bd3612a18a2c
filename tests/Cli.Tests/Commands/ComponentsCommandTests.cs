namespace AeFramework.Cli.Tests.Commands;

public class ComponentsCommandTests
{
    [Fact]
    public void ListsTheTaskPluginsAndASamplePluginLoadedFromDisk()
    {
        Assert.True(File.Exists(AeProcess.SamplePluginDll), $"sample plugin not built at {AeProcess.SamplePluginDll}");
        var r = AeProcess.Run(Path.GetTempPath(), "components", "--plugin", AeProcess.SamplePluginDll);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("[AeFramework.Tasks.Pose]", r.Stdout);
        Assert.Contains("[AeFramework.Tasks.Corners]", r.Stdout);
        Assert.Contains("[AeFramework.Tasks.InstanceSeg]", r.Stdout);
        Assert.Matches(@"(?m)^  landmarks\s+\[AeFramework\.Samples\.SamplePlugin\]", r.Stdout);
        Assert.Matches(@"(?m)^  pose\s+\[AeFramework\.Tasks\.Pose\]", r.Stdout);
    }

    [Fact]
    public void MissingPluginIsBadInputNamingThePath()
    {
        var r = AeProcess.Run(Path.GetTempPath(), "components", "--plugin", "/nonexistent/Plugin.dll");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/nonexistent/Plugin.dll", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
