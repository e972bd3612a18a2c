using AeFramework.Coco.Masks;

namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>
/// A polygon filled exactly as COCO readers rasterise a polygon segmentation (pycocotools' frPyObjects), so the
/// outline written as the annotation decodes to the very pixels drawn.
/// </summary>
internal sealed class CocoPolygonShape(IReadOnlyList<Vec2> vertices) : RasterShape
{
    public IReadOnlyList<Vec2> Vertices { get; } = vertices.Count >= 3
        ? vertices
        : throw new ArgumentException("a polygon needs at least 3 vertices", nameof(vertices));

    /// <summary>The outline as COCO writes it: x0, y0, x1, y1, ...</summary>
    public double[] Flat() => Vertices.SelectMany(v => new[] { v.X, v.Y }).ToArray();

    public override void Rasterise(int width, int height, SpanSink sink)
    {
        // Decoding the COCO mask is the costly part; a shape is often filled and then measured, so keep its runs.
        if (cached is not { } runs || cachedSize != (width, height))
        {
            runs = Runs(width, height);
            (cached, cachedSize) = (runs, (width, height));
        }
        foreach (var (y, x0, x1) in runs)
        {
            sink(y, x0, x1);
        }
    }

    private (int Y, int X0, int X1)[]? cached;
    private (int, int) cachedSize;

    private (int Y, int X0, int X1)[] Runs(int width, int height)
    {
        var mask = RleCodec.DecodeRowMajor(PolygonRasterizer.FromPolygon(Flat(), height, width));
        var runs = new List<(int, int, int)>();
        for (var y = 0; y < height; y++)
        {
            var row = mask.AsSpan(y * width, width);
            var x = row.IndexOf((byte)1);
            while (x >= 0)
            {
                var run = row[x..].IndexOf((byte)0);
                var end = run < 0 ? width : x + run;
                runs.Add((y, x, end));
                var next = end < width ? row[end..].IndexOf((byte)1) : -1;
                x = next < 0 ? -1 : end + next;
            }
        }
        return runs.ToArray();
    }
}
