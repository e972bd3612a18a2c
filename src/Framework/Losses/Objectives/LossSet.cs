using AeFramework.Registry;
using AeFramework.Tasks;
using static TorchSharp.torch;

namespace AeFramework.Losses.Objectives;

/// <summary>One configured loss: its name in <c>task.losses</c>, the component, its weight and stacks.</summary>
public sealed record NamedLoss(string Name, ILoss Loss, double Weight = 1.0, int[]? Stacks = null);

/// <summary>
/// The training objective: every configured loss applied to the stacks it selects, weighted, and summed over
/// those stacks (pose-ae-train sums its per-stack losses). Returns named terms; a term name that two losses
/// share is prefixed with the loss's name (<c>name.term</c>).
/// </summary>
public sealed class LossSet
{
    private readonly IReadOnlyList<OutputMap> _outputs;
    private readonly IReadOnlyList<NamedLoss> _losses;
    private readonly IReadOnlyList<IReadOnlyList<string>> _termNames;

    public LossSet(IReadOnlyList<OutputMap> outputs, IReadOnlyList<NamedLoss> losses)
    {
        if (losses.Count == 0)
        {
            throw new ArgumentException("a training objective needs at least one loss", nameof(losses));
        }
        _outputs = outputs;
        _losses = losses;
        var counts = losses.SelectMany(l => l.Loss.Terms).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _termNames = losses.Select(l => (IReadOnlyList<string>)l.Loss.Terms.Select(t => counts[t] > 1 ? $"{l.Name}.{t}" : t).ToList()).ToList();
        TermNames = _termNames.SelectMany(t => t).ToList();
    }

    /// <summary>Builds the configured losses (<c>task.losses</c>) through the registry.</summary>
    public static LossSet Build(IReadOnlyList<OutputMap> outputs, IReadOnlyDictionary<string, ComponentRef<ILoss>> losses, ComponentContext context) =>
        new(outputs, losses.Select(kv =>
        {
            var options = kv.Value.Options as LossOptions;
            return new NamedLoss(kv.Key, context.Create(kv.Value), options?.Weight ?? 1.0, options?.Stacks);
        }).ToList());

    /// <summary>The metric names of the terms, in order.</summary>
    public IReadOnlyList<string> TermNames { get; }

    public IReadOnlyList<NamedLoss> Losses => _losses;

    /// <summary>The losses whose stack selection does not fit a network with <paramref name="stacks"/> stacks, with the reason.</summary>
    public IEnumerable<(string Loss, string Message)> CheckStacks(int stacks)
    {
        foreach (var loss in _losses)
        {
            if (loss.Stacks is { Length: 0 })
            {
                yield return (loss.Name, "selects no stack (leave 'stacks' out for all of them)");
            }
            foreach (var s in loss.Stacks ?? [])
            {
                if (s >= stacks || s < -stacks)
                {
                    yield return (loss.Name, $"stack {s} does not exist: the network has {stacks} stack(s) (0..{stacks - 1}, or -1..-{stacks} from the last)");
                }
            }
        }
    }

    /// <summary>Named scalar terms of all stacks' outputs [B, S, C, H, W].</summary>
    public IReadOnlyDictionary<string, Tensor> Forward(Tensor outputs, IReadOnlyDictionary<string, Tensor> targets)
    {
        if (outputs.dim() != 5)
        {
            throw new ArgumentException($"outputs must be [B, S, C, H, W], got [{string.Join(", ", outputs.shape)}]", nameof(outputs));
        }
        var device = outputs.device;
        var stacks = (int)outputs.shape[1];
        var maps = _outputs.Split(outputs, channelDim: 2);
        var onDevice = targets.ToDictionary(kv => kv.Key, kv => kv.Value.device == device ? kv.Value : kv.Value.to(device), StringComparer.Ordinal);
        // One view per map and stack, shared by every loss that reads that stack.
        var perStack = new IReadOnlyDictionary<string, Tensor>?[stacks];
        var sums = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < _losses.Count; i++)
        {
            var loss = _losses[i];
            var selected = loss.Stacks?.Select(s => s < 0 ? stacks + s : s).Distinct() ?? Enumerable.Range(0, stacks);
            foreach (var s in selected)
            {
                if (s < 0 || s >= stacks)
                {
                    throw new ArgumentException($"loss '{loss.Name}' selects stack {s}, the outputs have {stacks}");
                }
                var stackMaps = perStack[s] ??= maps.ToDictionary(kv => kv.Key, kv => kv.Value.select(1, s), StringComparer.Ordinal);
                var terms = loss.Loss.Forward(stackMaps, onDevice);
                for (var t = 0; t < loss.Loss.Terms.Count; t++)
                {
                    var value = terms[loss.Loss.Terms[t]] * loss.Weight;
                    var name = _termNames[i][t];
                    sums[name] = sums.TryGetValue(name, out var sum) ? sum + value : value;
                }
            }
        }
        return sums;
    }
}
