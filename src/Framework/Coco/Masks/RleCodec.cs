namespace AeFramework.Coco.Masks;

/// <summary>
/// Conversions between masks, RLE and cocoapi's compressed RLE strings (rleEncode, rleDecode,
/// rleToString, rleFrString).
/// </summary>
public static class RleCodec
{
    /// <summary>Encodes a column-major mask (index x·height + y); any non-zero byte is foreground.</summary>
    public static Rle Encode(ReadOnlySpan<byte> columnMajor, int height, int width)
    {
        var area = checked(height * width);
        if (columnMajor.Length != area)
        {
            throw new ArgumentException($"mask has {columnMajor.Length} pixels, expected {height}×{width}", nameof(columnMajor));
        }
        var counts = new List<uint>();
        var previous = false;
        uint run = 0;
        foreach (var b in columnMajor)
        {
            var on = b != 0;
            if (on != previous)
            {
                counts.Add(run);
                run = 0;
                previous = on;
            }
            run++;
        }
        counts.Add(run);
        return new Rle(height, width, counts.ToArray());
    }

    /// <summary>Encodes a row-major mask (index y·width + x), the layout of images and tensors.</summary>
    public static Rle EncodeRowMajor(ReadOnlySpan<byte> rowMajor, int height, int width)
    {
        if (rowMajor.Length != checked(height * width))
        {
            throw new ArgumentException($"mask has {rowMajor.Length} pixels, expected {height}×{width}", nameof(rowMajor));
        }
        var columnMajor = new byte[rowMajor.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                columnMajor[x * height + y] = rowMajor[y * width + x];
            }
        }
        return Encode(columnMajor, height, width);
    }

    /// <summary>Decodes into a column-major 0/1 mask; fails when the runs overflow the image.</summary>
    public static byte[] Decode(Rle rle)
    {
        var mask = new byte[checked(rle.Height * rle.Width)];
        var p = 0;
        byte v = 0;
        foreach (var c in rle.Counts)
        {
            if (c > mask.Length - p)
            {
                throw new ArgumentException($"RLE runs add up to more than {rle.Height}×{rle.Width} pixels", nameof(rle));
            }
            mask.AsSpan(p, (int)c).Fill(v);
            p += (int)c;
            v ^= 1;
        }
        return mask;
    }

    /// <summary>Decodes into a row-major 0/1 mask (index y·width + x).</summary>
    public static byte[] DecodeRowMajor(Rle rle)
    {
        var columnMajor = Decode(rle);
        var rowMajor = new byte[columnMajor.Length];
        for (var x = 0; x < rle.Width; x++)
        {
            for (var y = 0; y < rle.Height; y++)
            {
                rowMajor[y * rle.Width + x] = columnMajor[x * rle.Height + y];
            }
        }
        return rowMajor;
    }

    /// <summary>
    /// cocoapi's compressed form: each count (after the third, as the difference to the count two
    /// before it) in 5-bit groups, low first, with a continuation bit (0x20) and a sign bit (0x10) in
    /// the last group, written as characters 48 + group.
    /// </summary>
    public static string ToCompressedString(Rle rle)
    {
        var counts = rle.Counts;
        var chars = new System.Text.StringBuilder(counts.Length * 2);
        for (var i = 0; i < counts.Length; i++)
        {
            long x = counts[i];
            if (i > 2)
            {
                x -= counts[i - 2];
            }
            var more = true;
            while (more)
            {
                var c = (int)(x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more)
                {
                    c |= 0x20;
                }
                chars.Append((char)(c + 48));
            }
        }
        return chars.ToString();
    }

    /// <summary>Parses cocoapi's compressed string; fails on characters outside '0'..'o' or a cut-off last count.</summary>
    public static Rle FromCompressedString(string counts, int height, int width)
    {
        var result = new List<uint>(counts.Length);
        var p = 0;
        while (p < counts.Length)
        {
            long x = 0;
            var k = 0;
            var more = true;
            while (more)
            {
                if (p >= counts.Length)
                {
                    throw new FormatException("compressed RLE string ends in the middle of a count");
                }
                var c = counts[p] - 48;
                if (c is < 0 or > 63)
                {
                    throw new FormatException($"character '{counts[p]}' at position {p} is not a compressed RLE digit ('0'..'o')");
                }
                x |= (long)(c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0)
                {
                    x |= -1L << (5 * k);
                }
            }
            if (result.Count > 2)
            {
                x += result[^2];
            }
            result.Add(unchecked((uint)x));
        }
        return new Rle(height, width, result.ToArray());
    }
}
