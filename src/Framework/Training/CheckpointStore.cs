using System.Text.Json;
using AeFramework.Checkpoints;
using AeFramework.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Training;

/// <summary>
/// Checkpoints of a run: <c>checkpoints/step_NNNNNNNN/</c> holding model weights (safetensors),
/// optimizer state, step and RNG state, and the resolved config. Each is written into a temporary
/// folder and renamed into place, so a killed run never leaves half a checkpoint; the next save in the folder
/// removes what a killed writer left behind.
/// </summary>
public sealed class CheckpointStore(string runDirectory)
{
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "trainer.json";
    public const string ConfigFile = "config.yaml";

    public string Directory { get; } = Path.Combine(runDirectory, "checkpoints");

    public sealed record TrainerFileState(long Step, string RngState);

    public string Save(TrainerState state, string resolvedConfig, int keep)
    {
        var name = $"step_{state.Step:D8}";
        var final = Path.Combine(Directory, name);
        var temp = Path.Combine(Directory, $".{name}.{Environment.ProcessId}.tmp");
        if (System.IO.Directory.Exists(temp))
        {
            System.IO.Directory.Delete(temp, true);
        }
        RemoveAbandonedTemporaries();
        System.IO.Directory.CreateDirectory(temp);
        using (var scope = NewDisposeScope())
        {
            SafeTensors.Save(Path.Combine(temp, ModelFile), state.Model.state_dict());
        }
        state.Optimizer.save_state_dict(Path.Combine(temp, OptimizerFile));
        using (var rng = torch.random.get_rng_state())
        {
            var json = JsonSerializer.Serialize(new TrainerFileState(state.Step, Convert.ToBase64String(rng.bytes.ToArray())));
            File.WriteAllText(Path.Combine(temp, StateFile), json);
        }
        File.WriteAllText(Path.Combine(temp, ConfigFile), resolvedConfig);
        if (System.IO.Directory.Exists(final))
        {
            System.IO.Directory.Delete(final, true);
        }
        System.IO.Directory.Move(temp, final);
        Prune(keep);
        return final;
    }

    /// <summary>Deletes temporary checkpoint folders left by runs that were killed while writing (their process is gone).</summary>
    private void RemoveAbandonedTemporaries()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }
        foreach (var folder in System.IO.Directory.GetDirectories(Directory, ".step_*.tmp"))
        {
            var parts = Path.GetFileName(folder).Split('.');
            if (parts.Length == 4 && int.TryParse(parts[2], out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                System.IO.Directory.Delete(folder, true);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Checkpoint folders, oldest first.</summary>
    public IReadOnlyList<string> List() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.GetDirectories(Directory, "step_*").Where(d => File.Exists(Path.Combine(d, StateFile))).Order(StringComparer.Ordinal).ToList()
        : [];

    public string? Latest => List().LastOrDefault();

    /// <summary>Restores model, optimizer, step and RNG from a checkpoint folder.</summary>
    public static void Restore(string checkpoint, TrainerState state)
    {
        var stateFile = Path.Combine(checkpoint, StateFile);
        TrainerFileState saved;
        try
        {
            saved = JsonSerializer.Deserialize<TrainerFileState>(File.ReadAllText(stateFile)) ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new AeInputException(stateFile, $"not a trainer state file: {e.Message}");
        }
        WeightsFile.LoadInto(state.Model, Path.Combine(checkpoint, ModelFile));
        state.Optimizer.load_state_dict(Path.Combine(checkpoint, OptimizerFile));
        using (var rng = torch.random.get_rng_state())
        {
            var restored = torch.empty(rng.shape, rng.dtype);
            restored.bytes = Convert.FromBase64String(saved.RngState);
            torch.random.set_rng_state(restored);
        }
        state.Step = saved.Step;
    }

    private void Prune(int keep)
    {
        var all = List();
        foreach (var old in all.Take(Math.Max(0, all.Count - keep)))
        {
            System.IO.Directory.Delete(old, true);
        }
    }
}
