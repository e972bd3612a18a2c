namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>
/// An RGB image being painted back to front, remembering for every pixel which primitive was drawn there
/// last and which object owns that primitive, so each object's visible mask is exact.
/// </summary>
internal sealed class Canvas
{
    /// <summary>The owner of background pixels and of drawn things that are not annotated (clutter, occluders).</summary>
    public const int NoObject = -1;

    private readonly List<int> primitiveOwners = [NoObject];
    private readonly List<Overwritten> journal = [];
    private bool journaling;

    public Canvas(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
        Primitives = new int[width * height];
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major RGB bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>Row-major id of the primitive on top at each pixel; 0 for the background.</summary>
    public int[] Primitives { get; }

    public bool Contains(int x, int y) => x >= 0 && y >= 0 && x < Width && y < Height;

    /// <summary>Paints <paramref name="shape"/> in one colour as a new primitive of <paramref name="owner"/>; returns the primitive id.</summary>
    public int Fill(RasterShape shape, Rgb colour, int owner)
    {
        var id = primitiveOwners.Count;
        primitiveOwners.Add(owner);
        var pixels = Pixels;
        var primitives = Primitives;
        var width = Width;
        var journal = journaling ? this.journal : null;
        shape.Rasterise(Width, Height, (y, x0, x1) =>
        {
            var row = y * width;
            for (var x = x0; x < x1; x++)
            {
                var i = row + x;
                journal?.Add(new Overwritten(i, primitives[i], pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2]));
                primitives[i] = id;
                pixels[3 * i] = colour.R;
                pixels[3 * i + 1] = colour.G;
                pixels[3 * i + 2] = colour.B;
            }
        });
        return id;
    }

    /// <summary>Visible pixel count of each object 0..<paramref name="objectCount"/>-1.</summary>
    public int[] VisibleAreas(int objectCount)
    {
        var areas = new int[objectCount];
        foreach (var p in Primitives)
        {
            var owner = primitiveOwners[p];
            if (owner >= 0 && owner < objectCount)
            {
                areas[owner]++;
            }
        }
        return areas;
    }

    /// <summary>The pixels where <paramref name="owner"/> is on top.</summary>
    public PixelMask VisibleMask(int owner)
    {
        var mask = new PixelMask(Width, Height);
        for (var i = 0; i < Primitives.Length; i++)
        {
            if (primitiveOwners[Primitives[i]] == owner)
            {
                mask.Set(i);
            }
        }
        return mask;
    }

    /// <summary>Starts remembering what painting overwrites, so that <see cref="Undo"/> can take it back.</summary>
    public Checkpoint Mark()
    {
        journaling = true;
        return new Checkpoint(journal.Count, primitiveOwners.Count);
    }

    /// <summary>Takes back everything painted since <paramref name="checkpoint"/>.</summary>
    public void Undo(Checkpoint checkpoint)
    {
        if (!journaling)
        {
            throw new InvalidOperationException("no checkpoint is open");
        }
        for (var j = journal.Count - 1; j >= checkpoint.JournalLength; j--)
        {
            var o = journal[j];
            Primitives[o.Index] = o.Primitive;
            Pixels[3 * o.Index] = o.R;
            Pixels[3 * o.Index + 1] = o.G;
            Pixels[3 * o.Index + 2] = o.B;
        }
        journal.RemoveRange(checkpoint.JournalLength, journal.Count - checkpoint.JournalLength);
        primitiveOwners.RemoveRange(checkpoint.PrimitiveCount, primitiveOwners.Count - checkpoint.PrimitiveCount);
    }

    /// <summary>Keeps what was painted since the outermost checkpoint and stops remembering.</summary>
    public void Commit()
    {
        journal.Clear();
        journaling = false;
    }

    public readonly record struct Checkpoint(int JournalLength, int PrimitiveCount);

    private readonly record struct Overwritten(int Index, int Primitive, byte R, byte G, byte B);
}
