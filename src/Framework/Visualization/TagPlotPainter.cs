using AeFramework.Coco;
using AeFramework.Data.Schema;
using AeFramework.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace AeFramework.Visualization;

/// <summary>
/// Plots the associative-embedding tags of each detection's keypoints, as the AE paper shows tag separation:
/// one marker per keypoint at its tag, in the detection's colour (the colour <see cref="PredictionPainter"/> gives
/// it, by descending score). One-dimensional tags lie on a horizontal axis with one row per detection: the row
/// of rank r (of P) is at y = Margin + (r + ½)·(Height − 2·Margin)/P and the tag range [lo, hi] spans
/// x = Margin … Width − Margin. Tags of two or more dimensions are plotted by their first two, (t₀, t₁), on a
/// square of side S = min(Width, Height) − 2·Margin centred across, with top edge at Margin: x = (Width − S)/2 +
/// (t₀ − lo)/(hi − lo)·S, y = Margin + S − (t₁ − lo)/(hi − lo)·S, lo and hi taken over both dimensions. A range
/// of one value is widened by 1 on each side. Only keypoints scoring at least the minimum score are plotted.
/// </summary>
public static class TagPlotPainter
{
    /// <summary>Width of the plot in pixels.</summary>
    public const int Width = 480;

    /// <summary>Height of the plot in pixels.</summary>
    public const int Height = 320;

    /// <summary>Space between the plotted range and the image border, in pixels.</summary>
    public const int Margin = 24;

    /// <summary>Radius of a keypoint marker in pixels (with a one-pixel dark outline around it).</summary>
    public const double MarkerRadius = 4;

    private static readonly RgbColor Background = new(255, 255, 255);
    private static readonly RgbColor Frame = new(200, 200, 200);
    private static readonly RgbColor Guide = new(232, 232, 232);
    private static readonly RgbColor ZeroLine = new(150, 150, 150);
    private static readonly RgbColor Outline = new(50, 50, 50);

    /// <summary>Draws the tags of <paramref name="results"/> (one image's detections) and saves the plot as PNG.</summary>
    public static void SavePng(IReadOnlyList<CocoResult> results, string path, double minScore = 0.1)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var canvas = new Image<Rgb24>(Width, Height, new Rgb24(Background.R, Background.G, Background.B));
        var ranked = results.OrderByDescending(r => r.Score).ToList();
        var tags = ranked.Select(r => ShownTags(r, minScore)).ToList();
        var dims = tags.SelectMany(t => t).Select(t => t.Length).DefaultIfEmpty(1).Max();
        if (dims == 1)
        {
            PlotOneDimension(canvas, tags);
        }
        else
        {
            PlotTwoDimensions(canvas, tags);
        }
        AtomicFile.Write(path, s => canvas.SaveAsPng(s));
    }

    private static void PlotOneDimension(Image<Rgb24> canvas, List<List<double[]>> tags)
    {
        var (lo, hi) = Range(tags.SelectMany(t => t).Select(t => t[0]));
        var span = Width - 2 * Margin;
        double X(double v) => Margin + (v - lo) / (hi - lo) * span;
        double Row(int rank) => Margin + (rank + 0.5) * (Height - 2 * Margin) / tags.Count;
        Rectangle(canvas, Margin, Margin, Width - Margin, Height - Margin, Frame);
        for (var r = 0; r < tags.Count; r++)
        {
            PixelDrawing.Line(canvas, Margin, Row(r), Width - Margin, Row(r), 0.5, Guide);
        }
        if (lo < 0 && hi > 0)
        {
            PixelDrawing.Line(canvas, X(0), Margin, X(0), Height - Margin, 0.5, ZeroLine);
        }
        for (var r = 0; r < tags.Count; r++)
        {
            foreach (var t in tags[r])
            {
                Marker(canvas, X(t[0]), Row(r), PredictionPainter.ColorOf(r));
            }
        }
    }

    private static void PlotTwoDimensions(Image<Rgb24> canvas, List<List<double[]>> tags)
    {
        var (lo, hi) = Range(tags.SelectMany(t => t).SelectMany(t => t.Take(2)));
        var side = Math.Min(Width, Height) - 2 * Margin;
        var left = (Width - side) / 2.0;
        double X(double v) => left + (v - lo) / (hi - lo) * side;
        double Y(double v) => Margin + side - (v - lo) / (hi - lo) * side;
        Rectangle(canvas, left, Margin, left + side, Margin + side, Frame);
        if (lo < 0 && hi > 0)
        {
            PixelDrawing.Line(canvas, X(0), Margin, X(0), Margin + side, 0.5, ZeroLine);
            PixelDrawing.Line(canvas, left, Y(0), left + side, Y(0), 0.5, ZeroLine);
        }
        for (var r = 0; r < tags.Count; r++)
        {
            foreach (var t in tags[r].Where(t => t.Length >= 2))
            {
                Marker(canvas, X(t[0]), Y(t[1]), PredictionPainter.ColorOf(r));
            }
        }
    }

    /// <summary>The tags of the keypoints that are shown: found (a tag) and scoring at least the minimum.</summary>
    private static List<double[]> ShownTags(CocoResult result, double minScore)
    {
        var shown = new List<double[]>();
        if (result.KeypointTags is not { } tags)
        {
            return shown;
        }
        for (var j = 0; j < tags.Length; j++)
        {
            var score = result.Keypoints is { } k && 3 * j + 2 < k.Length ? k[3 * j + 2] : double.PositiveInfinity;
            if (tags[j] is { Length: > 0 } t && score >= minScore && t.All(double.IsFinite))
            {
                shown.Add(t);
            }
        }
        return shown;
    }

    private static (double Lo, double Hi) Range(IEnumerable<double> values)
    {
        var (lo, hi) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var v in values)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        if (lo > hi)
        {
            return (-1, 1);
        }
        return hi > lo ? (lo, hi) : (lo - 1, hi + 1);
    }

    private static void Marker(Image<Rgb24> canvas, double x, double y, RgbColor color)
    {
        PixelDrawing.Disc(canvas, x, y, MarkerRadius + 1, Outline);
        PixelDrawing.Disc(canvas, x, y, MarkerRadius, color);
    }

    private static void Rectangle(Image<Rgb24> canvas, double x0, double y0, double x1, double y1, RgbColor color)
    {
        PixelDrawing.Line(canvas, x0, y0, x1, y0, 0.5, color);
        PixelDrawing.Line(canvas, x1, y0, x1, y1, 0.5, color);
        PixelDrawing.Line(canvas, x1, y1, x0, y1, 0.5, color);
        PixelDrawing.Line(canvas, x0, y1, x0, y0, 0.5, color);
    }
}
