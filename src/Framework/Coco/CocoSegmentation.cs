namespace AeFramework.Coco;

/// <summary>An annotation's segmentation in one of COCO's three JSON forms.</summary>
public abstract record CocoSegmentation;

/// <summary>Polygons: each is a flat x0, y0, x1, y1, ... list in pixel coordinates.</summary>
public sealed record CocoPolygons(IReadOnlyList<double[]> Polygons) : CocoSegmentation;

/// <summary>Uncompressed RLE: alternating background/foreground run lengths, column-major, starting with background.</summary>
public sealed record CocoUncompressedRle(int Height, int Width, uint[] Counts) : CocoSegmentation;

/// <summary>Compressed RLE: the run lengths in cocoapi's string encoding.</summary>
public sealed record CocoCompressedRle(int Height, int Width, string Counts) : CocoSegmentation;
