namespace AeFramework.Data.Synthetic.Rendering;

/// <summary>An 8-bit RGB colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Hue in degrees, saturation and value in [0, 1].</summary>
    public static Rgb FromHsv(double hue, double saturation, double value)
    {
        hue = ((hue % 360) + 360) % 360;
        var c = value * saturation;
        var x = c * (1 - Math.Abs(hue / 60 % 2 - 1));
        var m = value - c;
        var (r, g, b) = (int)(hue / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        return new Rgb(ToByte((r + m) * 255), ToByte((g + m) * 255), ToByte((b + m) * 255));
    }

    /// <summary>Each channel scaled by <paramref name="factor"/> (above 1 brightens), clamped.</summary>
    public Rgb Scale(double factor) => new(ToByte(R * factor), ToByte(G * factor), ToByte(B * factor));

    public static byte ToByte(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}
