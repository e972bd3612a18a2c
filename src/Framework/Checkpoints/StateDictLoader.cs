using TorchSharp;
using static TorchSharp.torch;

namespace AeFramework.Checkpoints;

/// <summary>
/// Copies named tensors into a module's parameters and buffers (on the module's device and dtype).
/// Names may carry one wrapper prefix (<c>module.</c> from DataParallel, <c>model.</c>, or both, as
/// pose-ae-train's trainer writes them); the prefix that matches the module best is removed.
/// Strict loading refuses any missing, unexpected or mis-shaped entry; every load refuses mis-shaped ones.
/// Nothing is copied unless the whole dict fits.
/// </summary>
public static class StateDictLoader
{
    private static readonly string[] Prefixes = ["", "module.", "model.", "model.module.", "module.model."];

    public static LoadReport Load(nn.Module module, StateDict state, bool strict = true) =>
        Load(module, state.Tensors, state.Source, strict);

    public static LoadReport Load(nn.Module module, IReadOnlyDictionary<string, Tensor> tensors, string source, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(tensors);
        var targets = module.state_dict();
        var prefix = ChoosePrefix(tensors.Keys, targets);
        var incoming = tensors.ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);

        var missing = targets.Keys.Where(k => !incoming.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var unexpected = incoming.Keys.Where(k => !targets.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var misShaped = targets.Where(kv => incoming.TryGetValue(kv.Key, out var t) && !ShapesFit(kv.Value.shape, t.shape))
            .Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();

        if (misShaped.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            var problems = new List<InputProblem>
            {
                new(source, 0, 0, null, $"weights do not match the model: {missing.Count} missing, {unexpected.Count} unexpected, {misShaped.Count} of the wrong shape"
                    + (prefix.Length > 0 ? $" (after removing the prefix '{prefix}')" : "")),
            };
            problems.AddRange(missing.Select(k => new InputProblem(source, 0, 0, k, $"missing from the file; the model needs shape {Shape(targets[k].shape)}")));
            problems.AddRange(unexpected.Select(k => new InputProblem(source, 0, 0, prefix + k, $"not in the model (shape {Shape(incoming[k].shape)})")));
            problems.AddRange(misShaped.Select(k => new InputProblem(source, 0, 0, prefix + k, $"shape {Shape(incoming[k].shape)} in the file; the model needs {Shape(targets[k].shape)}")));
            throw new AeInputException(problems);
        }

        var loaded = 0;
        using (no_grad())
        {
            foreach (var (name, target) in targets)
            {
                if (incoming.TryGetValue(name, out var value))
                {
                    using var shaped = value.reshape(target.shape);
                    target.copy_(shaped);
                    loaded++;
                }
            }
        }
        return new LoadReport(loaded, missing, unexpected, prefix);
    }

    /// <summary>Equal shapes, or a one-element tensor stored as a scalar on one side and as [1] on the other (BatchNorm's step counter).</summary>
    private static bool ShapesFit(long[] model, long[] file) =>
        model.SequenceEqual(file) || (model.Length <= 1 && file.Length <= 1 && Count(model) == 1 && Count(file) == 1);

    private static string ChoosePrefix(IEnumerable<string> names, IReadOnlyDictionary<string, Tensor> targets)
    {
        var list = names.ToList();
        var best = "";
        var bestMatches = -1;
        foreach (var prefix in Prefixes)
        {
            if (!list.All(n => n.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }
            var matches = list.Count(n => targets.ContainsKey(n[prefix.Length..]));
            if (matches > bestMatches)
            {
                best = prefix;
                bestMatches = matches;
            }
        }
        return best;
    }

    private static long Count(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    private static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";
}
