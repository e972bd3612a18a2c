namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>
/// Paints a scene back to front, keeping every annotated object visible enough: a drawing that would leave an
/// earlier object (or itself) with fewer visible pixels than required is undone and reported as refused.
/// </summary>
internal sealed class SceneBuilder(Canvas canvas, double minVisibleFraction, int minVisiblePixels)
{
    private readonly List<int> fullAreas = [];

    public Canvas Canvas { get; } = canvas;

    /// <summary>Draws a new annotated object (<paramref name="draw"/> gets its owner id); returns its id, or null when refused.</summary>
    public int? TryAddObject(Action<int> draw)
    {
        var checkpoint = Canvas.Mark();
        var id = fullAreas.Count;
        fullAreas.Add(0);
        draw(id);
        var areas = Canvas.VisibleAreas(fullAreas.Count);
        fullAreas[id] = areas[id];
        if (Acceptable(areas))
        {
            Canvas.Commit();
            return id;
        }
        fullAreas.RemoveAt(id);
        Canvas.Undo(checkpoint);
        Canvas.Commit();
        return null;
    }

    /// <summary>Draws something unannotated in front of the objects; false (and undone) when it hides one too much.</summary>
    public bool TryAddOccluder(Action<int> draw)
    {
        var checkpoint = Canvas.Mark();
        draw(Canvas.NoObject);
        var accepted = Acceptable(Canvas.VisibleAreas(fullAreas.Count));
        if (!accepted)
        {
            Canvas.Undo(checkpoint);
        }
        Canvas.Commit();
        return accepted;
    }

    private bool Acceptable(int[] areas)
    {
        for (var i = 0; i < areas.Length; i++)
        {
            if (areas[i] < Math.Max(1, minVisiblePixels) || areas[i] < minVisibleFraction * fullAreas[i])
            {
                return false;
            }
        }
        return true;
    }
}
