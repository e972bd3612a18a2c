namespace AeFramework.Data.Synthetic.Shapes;

/// <summary>The shape classes; the value is the COCO category id.</summary>
internal enum ShapeKind
{
    Rectangle = 1,
    Ellipse = 2,
    Triangle = 3,
    Cross = 4,
}
