using AeFramework.Coco;
using AeFramework.Coco.Masks;
using AeFramework.Data.Imaging;
using AeFramework.Data.Schema;
using AeFramework.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Visualization;

/// <summary>
/// Draws COCO results over an image, one colour per detection: skeletons (keypoint results, links from
/// the schema), box outlines (bbox) and translucent masks (segm); saved as PNG.
/// </summary>
public static class PredictionPainter
{
    private static readonly RgbColor[] Palette =
    [
        new(230, 25, 75), new(60, 180, 75), new(255, 225, 25), new(0, 130, 200), new(245, 130, 48),
        new(145, 30, 180), new(70, 240, 240), new(240, 50, 230), new(210, 245, 60), new(250, 190, 212),
    ];

    /// <summary>The colour of the detection at <paramref name="rank"/> in descending score order (the palette repeats).</summary>
    public static RgbColor ColorOf(int rank) => Palette[(int)((uint)rank % Palette.Length)];

    public static void SavePng(RgbImage image, IReadOnlyList<CocoResult> results, KeypointSchema? schema, string path, double minScore = 0.1)
    {
        var (w, h) = (image.Width, image.Height);
        using var canvas = new Image<Rgb24>(w, h);
        var pixels = image.Pixels;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = y * w + x;
                canvas[x, y] = new Rgb24(Byte(pixels[i]), Byte(pixels[image.PlaneSize + i]), Byte(pixels[2 * image.PlaneSize + i]));
            }
        }
        var index = 0;
        var drawnMasks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in results.OrderByDescending(r => r.Score))
        {
            // A mask reported again under another class (a lower-scored class hypothesis) is drawn once.
            if (r.Segmentation is CocoCompressedRle repeated && r.Bbox is null && r.Keypoints is null && !drawnMasks.Add(repeated.Counts))
            {
                continue;
            }
            var color = Palette[index++ % Palette.Length];
            if (r.Segmentation != null)
            {
                // Runs alternate background/foreground over pixels in column-major order.
                var rle = SegmentationToRle.Convert(r.Segmentation, h, w);
                long at = 0;
                var foreground = false;
                foreach (var run in rle.Counts)
                {
                    for (var i = at; foreground && i < at + run; i++)
                    {
                        var (x, y) = ((int)(i / h), (int)(i % h));
                        var p = canvas[x, y];
                        canvas[x, y] = new Rgb24((byte)((p.R + color.R) / 2), (byte)((p.G + color.G) / 2), (byte)((p.B + color.B) / 2));
                    }
                    at += run;
                    foreground = !foreground;
                }
            }
            if (r.Bbox is { } b)
            {
                PixelDrawing.Line(canvas, b.X, b.Y, b.X + b.Width, b.Y, 1, color);
                PixelDrawing.Line(canvas, b.X + b.Width, b.Y, b.X + b.Width, b.Y + b.Height, 1, color);
                PixelDrawing.Line(canvas, b.X + b.Width, b.Y + b.Height, b.X, b.Y + b.Height, 1, color);
                PixelDrawing.Line(canvas, b.X, b.Y + b.Height, b.X, b.Y, 1, color);
            }
            if (r.Keypoints is { } k)
            {
                bool Shown(int j) => k[3 * j + 2] >= minScore;
                foreach (var link in schema?.Links ?? [])
                {
                    if (Shown(link.From) && Shown(link.To))
                    {
                        PixelDrawing.Line(canvas, k[3 * link.From], k[3 * link.From + 1], k[3 * link.To], k[3 * link.To + 1], 1.5, color);
                    }
                }
                for (var j = 0; j < k.Length / 3; j++)
                {
                    if (Shown(j))
                    {
                        PixelDrawing.Line(canvas, k[3 * j], k[3 * j + 1], k[3 * j], k[3 * j + 1], 2.5, new RgbColor(255, 255, 255));
                    }
                }
            }
        }
        AtomicFile.Write(path, s => canvas.SaveAsPng(s));
    }

    private static byte Byte(float v) => (byte)Math.Clamp(MathF.Round(v), 0, 255);
}
