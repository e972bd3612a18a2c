using System.Diagnostics;
using AeFramework.Testing;

namespace AeFramework.Cli.Tests;

/// <summary>Runs the built `ae` command as a user would, from its own output folder (with its plugins/).</summary>
public static class AeProcess
{
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string AeDll => Path.Combine(SharedData.RepoRoot, "src", "Cli", "bin", Configuration, "net10.0", "ae.dll");

    public static string SamplePluginDll => Path.Combine(SharedData.RepoRoot, "samples", "SamplePlugin", "bin", Configuration, "net10.0", "AeFramework.Samples.SamplePlugin.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Starts `ae` without waiting; output goes to the given files.</summary>
    public static Process Start(string workingDirectory, params string[] args) => Process.Start(Info(workingDirectory, args, redirect: false))!;

    private static ProcessStartInfo Info(string workingDirectory, string[] args, bool redirect)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = redirect, RedirectStandardError = redirect, WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(AeDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["AE_DEBUG"] = "0";
        return info;
    }

    public static Result Run(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(Info(workingDirectory, args, redirect: true))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(true);
            throw new TimeoutException($"ae {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
