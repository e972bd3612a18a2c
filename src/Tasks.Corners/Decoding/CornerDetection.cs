namespace AeFramework.Tasks.Corners.Decoding;

/// <summary>One decoded box: corners (x1, y1) and (x2, y2), the mean of its corner scores, and its class index.</summary>
public readonly record struct CornerDetection(float X1, float Y1, float X2, float Y2, float Score, int Class)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;
}
