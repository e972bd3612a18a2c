using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AeFramework.Tasks.Pose.Grouping;

/// <summary>
/// The first pixel (row-major, as NumPy's argmax) of a joint map maximising
/// value − round(‖tag − mean‖), every step in float32 as the reference computes it.
/// </summary>
/// <remarks>
/// The vectorised search splits the map into 8×4 tiles and keeps, per joint and image, each tile's
/// largest value and the range of each tag component. For a given mean, a tile's score cannot exceed its
/// largest value minus the rounded distance from the mean to the tag box, computed with the same float32
/// operations (each is monotone, so the bound holds exactly). The tile with the highest bound is scored
/// first, then every tile whose bound reaches the best score so far; ties go to the lowest pixel index.
/// Pixels outside whole tiles are scored one by one. Tags of more than two components, or maps too small
/// for a tile, use the plain pixel-by-pixel scan.
/// </remarks>
internal sealed class TagAwareArgMax
{
    private const int TileWidth = 8;
    private const int TileHeight = 4;

    private readonly int _height;
    private readonly int _width;
    private readonly int _dim;
    private readonly bool _vectorized;
    private readonly int _tilesX;
    private readonly int _tiles;
    private readonly int _paddedTiles;
    private readonly JointTiles?[] _summaries;
    private readonly bool[] _ready;
    private readonly float[] _upper;
    private readonly float[] _squares;
    private float _mean0;
    private float _mean1;

    public TagAwareArgMax(int joints, int height, int width, int dim, bool vectorized)
    {
        _height = height;
        _width = width;
        _dim = dim;
        _vectorized = vectorized && Vector256.IsHardwareAccelerated && dim <= 2 && width >= TileWidth && height >= TileHeight;
        _tilesX = width / TileWidth;
        _tiles = _vectorized ? _tilesX * (height / TileHeight) : 0;
        _paddedTiles = (_tiles + 7) / 8 * 8;
        _summaries = new JointTiles[joints];
        _ready = new bool[joints];
        _upper = new float[_paddedTiles];
        _squares = new float[dim];
    }

    /// <summary>Marks the tile summaries stale: the next image brings new maps.</summary>
    public void Reset() => Array.Clear(_ready);

    /// <summary>The winning pixel index of joint map <paramref name="map"/> ([H, W]) with tags [H, W, D].</summary>
    public int Find(int joint, ReadOnlySpan<float> map, ReadOnlySpan<float> tags, ReadOnlySpan<float> mean)
    {
        if (!_vectorized)
        {
            return FindScalar(map, tags, mean);
        }
        _mean0 = mean[0];
        _mean1 = _dim == 2 ? mean[1] : 0;
        var tiles = Summary(joint, map, tags);
        var tag0 = _dim == 1 ? tags : tiles.Plane0;
        var tag1 = _dim == 1 ? tags : tiles.Plane1;
        var seed = UpperBounds(tiles);
        var best = float.NegativeInfinity;
        var bestAt = int.MaxValue;
        ScoreTile(seed, map, tag0, tag1, ref best, ref bestAt);
        for (var t = 0; t < _tiles; t++)
        {
            if (t != seed && _upper[t] >= best)
            {
                ScoreTile(t, map, tag0, tag1, ref best, ref bestAt);
            }
        }
        var tiledWidth = _tilesX * TileWidth;
        var tiledHeight = _tiles / _tilesX * TileHeight;
        for (var y = 0; y < _height; y++)
        {
            var x0 = y < tiledHeight ? tiledWidth : 0;
            for (var x = x0; x < _width; x++)
            {
                var p = y * _width + x;
                var h = map[p];
                if (h < best)
                {
                    continue;
                }
                var f = h - MathF.Round(Distance(tags, p, mean));
                if (f > best || (f == best && p < bestAt))
                {
                    best = f;
                    bestAt = p;
                }
            }
        }
        return bestAt == int.MaxValue ? 0 : bestAt;
    }

    private int FindScalar(ReadOnlySpan<float> map, ReadOnlySpan<float> tags, ReadOnlySpan<float> mean)
    {
        var best = float.NegativeInfinity;
        var bestAt = 0;
        for (var p = 0; p < map.Length; p++)
        {
            // value − round(·) ≤ value: a pixel whose value does not beat the best cannot either.
            var h = map[p];
            if (!(h > best))
            {
                continue;
            }
            var f = h - MathF.Round(Distance(tags, p, mean));
            if (f > best)
            {
                best = f;
                bestAt = p;
            }
        }
        return bestAt;
    }

    // ((tag − mean)²).sum(axis=-1) ** 0.5 in float32 (NumPy sums short rows one by one).
    private float Distance(ReadOnlySpan<float> tags, int p, ReadOnlySpan<float> mean)
    {
        var dim = _dim;
        if (dim == 1)
        {
            var d = tags[p] - mean[0];
            return MathF.Sqrt(d * d);
        }
        if (dim == 2)
        {
            var d0 = tags[p * 2] - mean[0];
            var d1 = tags[p * 2 + 1] - mean[1];
            return MathF.Sqrt(d0 * d0 + d1 * d1);
        }
        for (var d = 0; d < dim; d++)
        {
            var diff = tags[p * dim + d] - mean[d];
            _squares[d] = diff * diff;
        }
        return MathF.Sqrt(NumpySums.PairwiseSum(_squares, 0, dim, 1));
    }

    // Fills the per-tile upper bounds for the current mean and returns the tile with the highest one.
    private int UpperBounds(JointTiles tiles)
    {
        var m0 = Vector256.Create(_mean0);
        var m1 = Vector256.Create(_mean1);
        for (var t = 0; t < _paddedTiles; t += 8)
        {
            var g0 = Vector256.MaxNative(Vector256<float>.Zero, Vector256.MaxNative(Load(tiles.Min0, t) - m0, m0 - Load(tiles.Max0, t)));
            var squares = g0 * g0;
            if (_dim == 2)
            {
                var g1 = Vector256.MaxNative(Vector256<float>.Zero, Vector256.MaxNative(Load(tiles.Min1, t) - m1, m1 - Load(tiles.Max1, t)));
                squares += g1 * g1;
            }
            var upper = Load(tiles.ValueMax, t) - Vector256.Round(Vector256.Sqrt(squares));
            upper.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_upper), (nuint)t);
        }
        var seed = 0;
        for (var t = 1; t < _tiles; t++)
        {
            if (_upper[t] > _upper[seed])
            {
                seed = t;
            }
        }
        return seed;
    }

    private void ScoreTile(int tile, ReadOnlySpan<float> map, ReadOnlySpan<float> tag0, ReadOnlySpan<float> tag1, ref float best, ref int bestAt)
    {
        var p0 = tile / _tilesX * TileHeight * _width + tile % _tilesX * TileWidth;
        var f0 = Scores(map, tag0, tag1, p0);
        var f1 = Scores(map, tag0, tag1, p0 + _width);
        var f2 = Scores(map, tag0, tag1, p0 + 2 * _width);
        var f3 = Scores(map, tag0, tag1, p0 + 3 * _width);
        var tileMax = Vector256.MaxNative(Vector256.MaxNative(f0, f1), Vector256.MaxNative(f2, f3));
        if (!Vector256.GreaterThanOrEqualAny(tileMax, Vector256.Create(best)))
        {
            return;
        }
        var tileBest = HorizontalMax(tileMax);
        var target = Vector256.Create(tileBest);
        var at = FirstEqual(f0, target, p0);
        if (at < 0)
        {
            at = FirstEqual(f1, target, p0 + _width);
        }
        if (at < 0)
        {
            at = FirstEqual(f2, target, p0 + 2 * _width);
        }
        if (at < 0)
        {
            at = FirstEqual(f3, target, p0 + 3 * _width);
        }
        if (at < 0)
        {
            return;
        }
        if (tileBest > best || at < bestAt)
        {
            best = tileBest;
            bestAt = at;
        }
    }

    // value − round(‖tag − mean‖) for eight pixels from p, with the scalar path's float32 operations.
    // One component: float32 sqrt(d·d) is exactly |d| whenever d·d is a normal number; below that both
    // round to 0, and where d·d overflows the distance is infinite, so |d| stands in for the square root.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Scores(ReadOnlySpan<float> map, ReadOnlySpan<float> tag0, ReadOnlySpan<float> tag1, int p)
    {
        var d0 = Load(tag0, p) - Vector256.Create(_mean0);
        var squares = d0 * d0;
        Vector256<float> distance;
        if (_dim == 2)
        {
            var d1 = Load(tag1, p) - Vector256.Create(_mean1);
            distance = Vector256.Sqrt(squares + d1 * d1);
        }
        else
        {
            var infinity = Vector256.Create(float.PositiveInfinity);
            distance = Vector256.ConditionalSelect(Vector256.Equals(squares, infinity), infinity, Vector256.Abs(d0));
        }
        return Load(map, p) - Vector256.Round(distance);
    }

    private static int FirstEqual(Vector256<float> scores, Vector256<float> target, int p)
    {
        var hits = Vector256.Equals(scores, target).ExtractMostSignificantBits();
        return hits == 0 ? -1 : p + BitOperations.TrailingZeroCount(hits);
    }

    private JointTiles Summary(int joint, ReadOnlySpan<float> map, ReadOnlySpan<float> tags)
    {
        var tiles = _summaries[joint] ??= new JointTiles(_paddedTiles, _dim == 2 ? _height * _width : 0);
        if (_ready[joint])
        {
            return tiles;
        }
        if (_dim == 2)
        {
            Deinterleave(tags, tiles.Plane0, tiles.Plane1);
        }
        var tag0 = _dim == 1 ? tags : tiles.Plane0;
        var tag1 = _dim == 1 ? tags : tiles.Plane1;
        for (var t = 0; t < _tiles; t++)
        {
            var p = t / _tilesX * TileHeight * _width + t % _tilesX * TileWidth;
            var value = Load(map, p);
            var min0 = Load(tag0, p);
            var max0 = min0;
            var min1 = _dim == 2 ? Load(tag1, p) : default;
            var max1 = min1;
            for (var r = 1; r < TileHeight; r++)
            {
                var q = p + r * _width;
                value = Vector256.MaxNative(value, Load(map, q));
                var t0 = Load(tag0, q);
                min0 = Vector256.MinNative(min0, t0);
                max0 = Vector256.MaxNative(max0, t0);
                if (_dim == 2)
                {
                    var t1 = Load(tag1, q);
                    min1 = Vector256.MinNative(min1, t1);
                    max1 = Vector256.MaxNative(max1, t1);
                }
            }
            tiles.ValueMax[t] = HorizontalMax(value);
            tiles.Min0[t] = -HorizontalMax(-min0);
            tiles.Max0[t] = HorizontalMax(max0);
            if (_dim == 2)
            {
                tiles.Min1[t] = -HorizontalMax(-min1);
                tiles.Max1[t] = HorizontalMax(max1);
            }
        }
        _ready[joint] = true;
        return tiles;
    }

    private static void Deinterleave(ReadOnlySpan<float> tags, float[] plane0, float[] plane1)
    {
        var n = plane0.Length;
        var p = 0;
        var evensFirst = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
        for (; p + 8 <= n; p += 8)
        {
            var a = Vector256.Shuffle(Load(tags, 2 * p), evensFirst);
            var b = Vector256.Shuffle(Load(tags, 2 * p + 8), evensFirst);
            Vector256.Create(a.GetLower(), b.GetLower()).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(plane0), (nuint)p);
            Vector256.Create(a.GetUpper(), b.GetUpper()).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(plane1), (nuint)p);
        }
        for (; p < n; p++)
        {
            plane0[p] = tags[2 * p];
            plane1[p] = tags[2 * p + 1];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ReadOnlySpan<float> values, int at) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)at);

    private static float HorizontalMax(Vector256<float> v)
    {
        var m = Vector128.MaxNative(v.GetLower(), v.GetUpper());
        m = Vector128.MaxNative(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        m = Vector128.MaxNative(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2)));
        return m.ToScalar();
    }

    /// <summary>Per tile of one joint map: the largest value and each tag component's range (structure of arrays, padded to eight).</summary>
    private sealed class JointTiles
    {
        public JointTiles(int paddedTiles, int plane)
        {
            ValueMax = new float[paddedTiles];
            Array.Fill(ValueMax, float.NegativeInfinity);
            Min0 = new float[paddedTiles];
            Max0 = new float[paddedTiles];
            Min1 = new float[paddedTiles];
            Max1 = new float[paddedTiles];
            Plane0 = new float[plane];
            Plane1 = new float[plane];
        }

        public float[] ValueMax { get; }
        public float[] Min0 { get; }
        public float[] Max0 { get; }
        public float[] Min1 { get; }
        public float[] Max1 { get; }
        public float[] Plane0 { get; }
        public float[] Plane1 { get; }
    }
}
