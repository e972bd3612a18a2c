using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AeFramework.Bench.Training;

/// <summary>
/// Training memory over a long run: trains a small pose model with the real `ae train` command for 2,000
/// steps (by default) and samples the process's resident memory when the log reports steps 200 and 2,000.
/// The target is growth within 10%. Run: <c>dotnet run -c Release --project bench/AeFramework.Bench -- memory [STEPS]</c>.
/// </summary>
public static partial class MemoryFlatness
{
    private const string Config = """
        name: memory
        device: cpu
        threads: 1
        task: { type: pose }
        model: { backbone: { type: small_hourglass, stacks: 2, features: 32, depth: 2 } }
        data:
          source: { type: synthetic, kind: pose, train: 64, val: 8, size: 96 }
          input_size: 64
          eval_size: 64
          transforms: [ { type: random_affine }, { type: horizontal_flip } ]
          workers: 1
        train:
          batch_size: 4
          log_every: 100
          checkpoint_every: 1000
          optimizer: { type: adam, lr: 0.001 }
        metrics: [ { type: jsonl } ]
        """;

    public static int Run(string[] args)
    {
        var steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var early = Math.Max(100, steps / 10);
        var ae = FindAe();
        var folder = Directory.CreateTempSubdirectory("ae-memory-").FullName;
        File.WriteAllText(Path.Combine(folder, "memory.yaml"), Config);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ae, "train", "memory.yaml", "--set", $"train.max_steps={steps}" })
        {
            start.ArgumentList.Add(a);
        }
        Console.WriteLine($"training {steps} steps in {folder} with {ae}");
        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine(e.Data); };
        process.BeginErrorReadLine();
        var samples = new SortedDictionary<long, long>();
        var clock = Stopwatch.StartNew();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (StepLine().Match(line) is { Success: true } m)
            {
                var step = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                process.Refresh();
                samples[step] = process.WorkingSet64;
                Console.WriteLine($"step {step,6}  resident {samples[step] / 1048576.0,8:F1} MiB  ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || !samples.ContainsKey(early) || !samples.ContainsKey(steps))
        {
            Console.WriteLine($"training failed (exit {process.ExitCode}) or did not log steps {early} and {steps}");
            return 1;
        }
        var growth = (double)samples[steps] / samples[early] - 1;
        Console.WriteLine($"resident memory: {samples[early] / 1048576.0:F1} MiB at step {early}, {samples[steps] / 1048576.0:F1} MiB at step {steps}: {growth * 100:+0.0;-0.0}% (target within ±10%)");
        Directory.Delete(folder, recursive: true);
        return Math.Abs(growth) <= 0.10 ? 0 : 1;
    }

    /// <summary>The built `ae` next to this repository's CLI project (Release first).</summary>
    private static string FindAe()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AeFramework.sln")))
        {
            dir = dir.Parent;
        }
        var candidates = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(dir?.FullName ?? ".", "src", "Cli", "bin", c, "net10.0", "ae.dll"))
            .Where(File.Exists).ToList();
        return candidates.Count > 0 ? candidates[0] : throw new FileNotFoundException("build the CLI first: dotnet build -c Release src/Cli");
    }

    [GeneratedRegex(@"step (\d+)/\d+")]
    private static partial Regex StepLine();
}
