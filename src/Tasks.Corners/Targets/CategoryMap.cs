namespace AeFramework.Tasks.Corners.Targets;

/// <summary>Between COCO category ids and the class indices of the heatmap channels.</summary>
public static class CategoryMap
{
    /// <summary>The category id of each class: <paramref name="categoryIds"/>, or 1..C when it is empty.</summary>
    public static int[] CategoryIds(IReadOnlyList<int> categoryIds, int numClasses)
    {
        if (categoryIds.Count == 0)
        {
            return Enumerable.Range(1, numClasses).ToArray();
        }
        if (categoryIds.Count != numClasses)
        {
            throw new ArgumentException($"{categoryIds.Count} category ids given for {numClasses} classes");
        }
        if (categoryIds.Distinct().Count() != categoryIds.Count)
        {
            throw new ArgumentException($"category ids [{string.Join(", ", categoryIds)}] repeat an id");
        }
        return categoryIds.ToArray();
    }

    /// <summary>Class index by category id.</summary>
    public static Dictionary<int, int> ClassIndices(IReadOnlyList<int> categoryIds, int numClasses) =>
        CategoryIds(categoryIds, numClasses).Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
}
