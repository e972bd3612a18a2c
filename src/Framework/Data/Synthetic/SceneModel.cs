using AeFramework.Data.Synthetic.Rendering;

namespace AeFramework.Data.Synthetic;

/// <summary>One keypoint as COCO stores it: visibility 0 = not labelled (written as 0, 0, 0), 1 = labelled but hidden, 2 = visible.</summary>
internal readonly record struct SceneKeypoint(double X, double Y, int Visibility);

/// <summary>An annotated thing in a rendered scene; its mask is exactly the pixels where it ends up on top.</summary>
internal sealed record SceneObject(int CategoryId, PixelMask Mask, bool IsCrowd)
{
    /// <summary>The outline it was filled from, when it is a single polygon left whole (uncovered and inside the image).</summary>
    public IReadOnlyList<Vec2>? Polygon { get; init; }

    public IReadOnlyList<SceneKeypoint>? Keypoints { get; init; }
}

/// <summary>A rendered image and its objects.</summary>
internal sealed record Scene(int Width, int Height, byte[] Pixels, IReadOnlyList<SceneObject> Objects);

/// <summary>A category as written into the dataset file.</summary>
internal sealed record SceneCategory(int Id, string Name, string Supercategory)
{
    public IReadOnlyList<string>? Keypoints { get; init; }
    public IReadOnlyList<(int A, int B)>? Skeleton { get; init; }
}

/// <summary>Renders one image from its own seed; the same seed always gives the same scene.</summary>
internal interface ISceneGenerator
{
    IReadOnlyList<SceneCategory> Categories { get; }

    Scene Generate(int imageSeed);
}
