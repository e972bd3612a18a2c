using AeFramework.Data.Synthetic.Rendering;

namespace AeFramework.Data.Synthetic.Shapes;

/// <summary>
/// Renders overlapping rectangles, ellipses, triangles and crosses on textured backgrounds. Each shape's mask is
/// the pixels where it ends up on top; its box and area come from that mask, so boxes are of the visible part,
/// as in COCO. A polygon outline is kept only for polygon shapes that stay whole (nothing on top, inside the image).
/// </summary>
internal sealed class ShapesSceneGenerator(SyntheticShapesOptions options) : ISceneGenerator
{
    private const int PlacementTries = 30;
    private const int SceneTries = 10;

    public IReadOnlyList<SceneCategory> Categories { get; } =
    [
        new SceneCategory((int)ShapeKind.Rectangle, "rectangle", "shape"),
        new SceneCategory((int)ShapeKind.Ellipse, "ellipse", "shape"),
        new SceneCategory((int)ShapeKind.Triangle, "triangle", "shape"),
        new SceneCategory((int)ShapeKind.Cross, "cross", "shape"),
    ];

    public Scene Generate(int imageSeed)
    {
        var rng = new Random(imageSeed);
        for (var attempt = 1; ; attempt++)
        {
            var scene = TryGenerate(rng);
            if (scene.Objects.Count >= options.MinShapes || attempt == SceneTries)
            {
                return scene;
            }
        }
    }

    private Scene TryGenerate(Random rng)
    {
        var (w, h) = (options.Width, options.Height);
        var canvas = new Canvas(w, h);
        Backgrounds.Paint(canvas, rng);
        var builder = new SceneBuilder(canvas, options.MinVisibleFraction, options.MinVisiblePixels);
        var side = Math.Min(w, h);
        var placed = new List<(int Owner, SampledShape Shape)>();
        var centres = new List<(Vec2 Centre, double Size)>();
        var count = options.MinShapes + rng.Next(options.MaxShapes - options.MinShapes + 1);
        for (var i = 0; i < count; i++)
        {
            var kind = ShapeSampler.RandomKind(rng);
            var colour = Backgrounds.RandomColour(rng, 0.3, 0.2);
            for (var attempt = 0; attempt < PlacementTries; attempt++)
            {
                var shrink = Math.Pow(0.93, attempt);
                var size = side * shrink * options.MinShapeSize * Math.Pow(options.MaxShapeSize / options.MinShapeSize, rng.NextDouble());
                var centre = new Vec2(w * rng.NextDouble(), h * rng.NextDouble());
                if (centres.Count > 0 && rng.NextDouble() < options.OverlapProbability)
                {
                    // Beside an earlier shape, close enough to overlap it.
                    var (other, otherSize) = centres[rng.Next(centres.Count)];
                    centre = other + Vec2.FromAngle(2 * Math.PI * rng.NextDouble()) * ((0.25 + 0.4 * rng.NextDouble()) * (size + otherSize));
                }
                var shape = ShapeSampler.Sample(rng, kind, centre, size, options.Rotate);
                if (builder.TryAddObject(id => canvas.Fill(shape.Shape, colour, id)) is int owner)
                {
                    placed.Add((owner, shape));
                    centres.Add((centre, size));
                    break;
                }
            }
        }
        Backgrounds.AddSensorNoise(canvas, rng, options.NoiseAmplitude);

        var objects = new List<SceneObject>();
        foreach (var (owner, shape) in placed)
        {
            var mask = canvas.VisibleMask(owner);
            var whole = shape.Polygon is { } polygon && polygon.All(v => v.X >= 0 && v.Y >= 0 && v.X <= w - 1 && v.Y <= h - 1)
                && mask.Count() == FilledArea(shape.Shape, w, h);
            objects.Add(new SceneObject((int)shape.Kind, mask, IsCrowd: false) { Polygon = whole ? shape.Polygon : null });
        }
        return new Scene(w, h, canvas.Pixels, objects);
    }

    private static int FilledArea(RasterShape shape, int width, int height)
    {
        var area = 0;
        shape.Rasterise(width, height, (_, x0, x1) => area += x1 - x0);
        return area;
    }
}
