using System.Globalization;
using System.Numerics;

namespace AeFramework.Coco.Eval;

/// <summary>Python's '{:0.Nf}' formatting: the exact binary value rounded half to even.</summary>
internal static class PythonFormat
{
    public static string Fixed(double value, int decimals)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }
        // |value| = mantissa · 2^(exponent - 1075); scaled = |value| · 10^decimals as a fraction num / den.
        var shift = exponent - 1075;
        var num = new BigInteger(mantissa) * BigInteger.Pow(10, decimals);
        var den = BigInteger.One;
        if (shift >= 0)
        {
            num <<= shift;
        }
        else
        {
            den <<= -shift;
        }
        var quotient = BigInteger.DivRem(num, den, out var remainder);
        var twice = remainder * 2;
        if (twice > den || (twice == den && !quotient.IsEven))
        {
            quotient += 1;
        }
        var digits = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = decimals > 0 ? $"{digits[..^decimals]}.{digits[^decimals..]}" : digits;
        return negative ? "-" + text : text;
    }
}
