using System.Buffers.Binary;
using System.IO.Compression;
using AeFramework.Data.Imaging;

namespace AeFramework.Tests.Data;

/// <summary>Small images for data tests, and a minimal PNG writer (stored-deflate, 8-bit RGB) so decoding is checked against bytes written here.</summary>
internal static class TestImages
{
    /// <summary>A black image with one pixel of the given value in every channel.</summary>
    public static RgbImage Dot(int width, int height, int x, int y, float value = 255)
    {
        var image = new RgbImage(width, height);
        for (var c = 0; c < 3; c++)
        {
            image.Plane(c)[y * width + x] = value;
        }
        return image;
    }

    /// <summary>An image whose channels are distinct smooth-ish functions of position, seeded.</summary>
    public static RgbImage Random(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new RgbImage(width, height);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = random.Next(256);
        }
        return image;
    }

    /// <summary>The (x, y) of the largest value of channel 0.</summary>
    public static (int X, int Y) Brightest(RgbImage image)
    {
        var plane = image.Plane(0);
        var best = 0;
        for (var i = 1; i < plane.Length; i++)
        {
            if (plane[i] > plane[best])
            {
                best = i;
            }
        }
        return (best % image.Width, best / image.Width);
    }

    /// <summary>Encodes interleaved RGB bytes as a PNG file.</summary>
    public static byte[] Png(byte[] rgb, int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type RGB
        Chunk(output, "IHDR", header);
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            raw.Write(rgb, y * width * 3, width * 3);
        }
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }
        Chunk(output, "IDAT", compressed.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeBytes, data));
        output.Write(word);
    }

    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
