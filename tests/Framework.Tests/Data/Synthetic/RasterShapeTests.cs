using AeFramework.Data.Synthetic.Rendering;

namespace AeFramework.Tests.Data.Synthetic;

public class RasterShapeTests
{
    private static HashSet<(int X, int Y)> Pixels(RasterShape shape, int width = 64, int height = 64)
    {
        var set = new HashSet<(int, int)>();
        shape.Rasterise(width, height, (y, x0, x1) =>
        {
            for (var x = x0; x < x1; x++)
            {
                Assert.True(set.Add((x, y)), $"pixel ({x}, {y}) emitted twice");
            }
        });
        return set;
    }

    [Fact]
    public void RectangleCoversThePixelCentresInsideIt()
    {
        // Centres x ∈ [1.5, 5.5) → 2..5, y ∈ [2.5, 4.5) → 3..4.
        var pixels = Pixels(new PolygonShape([new(1.5, 2.5), new(5.5, 2.5), new(5.5, 4.5), new(1.5, 4.5)]));
        var expected = new HashSet<(int, int)>();
        for (var y = 3; y <= 4; y++)
        {
            for (var x = 2; x <= 5; x++)
            {
                expected.Add((x, y));
            }
        }
        Assert.Equal(expected, pixels);
    }

    [Fact]
    public void DiscOfRadiusTwoCoversThirteenPixels()
    {
        // Lattice points with dx² + dy² ≤ 4: 1 + 4·1 (axis ±1) + 4·1 (axis ±2) + 4 (diagonals ±1,±1) = 13.
        var pixels = Pixels(CapsuleShape.Disc(new Vec2(10, 10), 2));
        Assert.Equal(13, pixels.Count);
        Assert.Contains((12, 10), pixels);
        Assert.Contains((11, 11), pixels);
        Assert.DoesNotContain((12, 11), pixels);
    }

    [Fact]
    public void CapsuleIsTheSegmentThickenedByItsRadius()
    {
        // Segment (2,5)–(8,5), radius 1: row 5 has x 1..9 (the round ends reach 1 and 9), rows 4 and 6 have x 2..8.
        var pixels = Pixels(new CapsuleShape(new Vec2(2, 5), new Vec2(8, 5), 1));
        Assert.Equal(9 + 7 + 7, pixels.Count);
        Assert.Contains((1, 5), pixels);
        Assert.Contains((9, 5), pixels);
        Assert.DoesNotContain((1, 4), pixels);
        Assert.Contains((2, 4), pixels);
    }

    [Fact]
    public void EllipseTurnedAQuarterTurnIsTransposed()
    {
        // (dx/3)² + dy² ≤ 1: row 0 has dx −3..3, rows ±1 only dx = 0.
        var flat = Pixels(new EllipseShape(new Vec2(20, 20), 3, 1));
        Assert.Equal(9, flat.Count);
        Assert.Contains((23, 20), flat);
        Assert.Contains((20, 21), flat);
        Assert.DoesNotContain((21, 21), flat);
        var turned = Pixels(new EllipseShape(new Vec2(20, 20), 3, 1, Math.PI / 2));
        Assert.Equal(flat.Select(p => (20 + (p.Y - 20), 20 + (p.X - 20))).ToHashSet(), turned);
    }

    [Fact]
    public void ScanlineFillMatchesPointInPolygonTestsOnRandomShapes()
    {
        var rng = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            // Random star-shaped polygons (often not convex), partly outside the 48x40 image.
            var n = 3 + rng.Next(10);
            var centre = new Vec2(-5 + 58 * rng.NextDouble(), -5 + 50 * rng.NextDouble());
            var angles = Enumerable.Range(0, n).Select(_ => 2 * Math.PI * rng.NextDouble()).Order().ToArray();
            var vertices = angles.Select(a => centre + Vec2.FromAngle(a) * (3 + 20 * rng.NextDouble())).ToArray();
            var pixels = Pixels(new PolygonShape(vertices), 48, 40);
            for (var y = 0; y < 40; y++)
            {
                for (var x = 0; x < 48; x++)
                {
                    Assert.Equal(InsideByRayCasting(vertices, x, y), pixels.Contains((x, y)));
                }
            }
        }
    }

    [Fact]
    public void CapsuleAndEllipseMatchTheirDistanceDefinitions()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var a = new Vec2(-5 + 60 * rng.NextDouble(), -5 + 60 * rng.NextDouble());
            var b = a + Vec2.FromAngle(2 * Math.PI * rng.NextDouble()) * (25 * rng.NextDouble());
            var r = 0.5 + 8 * rng.NextDouble();
            var capsule = Pixels(new CapsuleShape(a, b, r), 50, 50);
            var centre = new Vec2(60 * rng.NextDouble(), 60 * rng.NextDouble());
            var (rx, ry, angle) = (1 + 15 * rng.NextDouble(), 1 + 15 * rng.NextDouble(), 2 * Math.PI * rng.NextDouble());
            var ellipse = Pixels(new EllipseShape(centre, rx, ry, angle), 50, 50);
            for (var y = 0; y < 50; y++)
            {
                for (var x = 0; x < 50; x++)
                {
                    Assert.Equal(DistanceToSegment(new Vec2(x, y), a, b) <= r, capsule.Contains((x, y)));
                    // In the ellipse's own axes: u along its first axis (turned by angle), v across.
                    var (dx, dy) = (x - centre.X, y - centre.Y);
                    var u = dx * Math.Cos(angle) + dy * Math.Sin(angle);
                    var v = -dx * Math.Sin(angle) + dy * Math.Cos(angle);
                    Assert.Equal(u * u / (rx * rx) + v * v / (ry * ry) <= 1, ellipse.Contains((x, y)));
                }
            }
        }
    }

    private static bool InsideByRayCasting(Vec2[] polygon, double px, double py)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var (a, b) = (polygon[i], polygon[j]);
            if ((a.Y > py) != (b.Y > py) && px < (b.X - a.X) * (py - a.Y) / (b.Y - a.Y) + a.X)
            {
                inside = !inside;
            }
        }
        return inside;
    }

    private static double DistanceToSegment(Vec2 p, Vec2 a, Vec2 b)
    {
        var d = b - a;
        var len2 = d.X * d.X + d.Y * d.Y;
        var t = len2 == 0 ? 0 : Math.Clamp(((p.X - a.X) * d.X + (p.Y - a.Y) * d.Y) / len2, 0, 1);
        return (p - (a + d * t)).Length;
    }
}
