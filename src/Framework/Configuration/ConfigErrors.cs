namespace AeFramework.Configuration;

/// <summary>Collects every problem of a config so that all are reported together before any work starts.</summary>
public sealed class ConfigErrors
{
    private readonly List<InputProblem> _problems = [];

    public IReadOnlyList<InputProblem> Problems => _problems;

    public bool Any => _problems.Count > 0;

    public void Add(SourceLocation at, string keyPath, string message) =>
        _problems.Add(new InputProblem(at.File, at.Line, at.Column, keyPath, message));

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new AeInputException(_problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column).ToList());
        }
    }

    /// <summary>The candidate closest to <paramref name="name"/> by edit distance, if reasonably close.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = EditDistance(name, c);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.Max(2, name.Length / 2) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
