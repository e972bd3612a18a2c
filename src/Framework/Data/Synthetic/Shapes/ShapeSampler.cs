using AeFramework.Data.Synthetic.Rendering;

namespace AeFramework.Data.Synthetic.Shapes;

/// <summary>A sampled shape: what to fill, and its outline when it is a polygon (then filled as COCO rasterises outlines).</summary>
internal sealed record SampledShape(ShapeKind Kind, RasterShape Shape, IReadOnlyList<Vec2>? Polygon);

/// <summary>Random rectangles, ellipses, triangles and crosses of a given size around a given centre.</summary>
internal static class ShapeSampler
{
    /// <summary>
    /// A shape of <paramref name="kind"/> whose longer extent (before turning) is about <paramref name="size"/> pixels.
    /// Polygon vertices lie on a 1/5 pixel grid, the grid pycocotools rasterises polygons on.
    /// </summary>
    public static SampledShape Sample(Random rng, ShapeKind kind, Vec2 centre, double size, bool rotate)
    {
        var angle = rotate ? 2 * Math.PI * rng.NextDouble() : 0;
        switch (kind)
        {
            case ShapeKind.Rectangle:
            {
                var (hw, hh) = Aspect(rng, size / 2);
                return Polygon(kind, centre, angle, [new(-hw, -hh), new(hw, -hh), new(hw, hh), new(-hw, hh)]);
            }
            case ShapeKind.Ellipse:
            {
                var (rx, ry) = Aspect(rng, size / 2);
                return new SampledShape(kind, new EllipseShape(centre, rx, ry, angle), null);
            }
            case ShapeKind.Triangle:
            {
                // Three directions at least 70° apart, so the triangle is never a sliver.
                var r = size / 2;
                var a0 = 2 * Math.PI * rng.NextDouble();
                var a1 = a0 + (70 + 150 * rng.NextDouble()) * Math.PI / 180;
                var rest = 2 * Math.PI - (a1 - a0);
                var a2 = a1 + 70 * Math.PI / 180 + (rest - 140 * Math.PI / 180) * rng.NextDouble();
                return Polygon(kind, centre, 0,
                [
                    Vec2.FromAngle(a0) * (r * (0.75 + 0.25 * rng.NextDouble())),
                    Vec2.FromAngle(a1) * (r * (0.75 + 0.25 * rng.NextDouble())),
                    Vec2.FromAngle(a2) * (r * (0.75 + 0.25 * rng.NextDouble())),
                ]);
            }
            default:
            {
                var (hw, hh) = Aspect(rng, size / 2);
                var t = Math.Min(hw, hh) * (0.25 + 0.2 * rng.NextDouble());
                return Polygon(kind, centre, angle,
                [
                    new(-t, -hh), new(t, -hh), new(t, -t), new(hw, -t), new(hw, t), new(t, t),
                    new(t, hh), new(-t, hh), new(-t, t), new(-hw, t), new(-hw, -t), new(-t, -t),
                ]);
            }
        }
    }

    public static ShapeKind RandomKind(Random rng) => (ShapeKind)(1 + rng.Next(4));

    /// <summary>Half extents: the longer one is <paramref name="half"/>, the shorter between 45% and 100% of it.</summary>
    private static (double, double) Aspect(Random rng, double half)
    {
        var other = half * (0.45 + 0.55 * rng.NextDouble());
        return rng.NextDouble() < 0.5 ? (half, other) : (other, half);
    }

    private static SampledShape Polygon(ShapeKind kind, Vec2 centre, double angle, Vec2[] local)
    {
        var vertices = local.Select(v => Snap(centre + v.Rotate(angle))).ToArray();
        return new SampledShape(kind, new CocoPolygonShape(vertices), vertices);
    }

    private static Vec2 Snap(Vec2 v) => new(Math.Round(v.X * 5) / 5, Math.Round(v.Y * 5) / 5);
}
