using AeFramework.Data.Synthetic.Rendering;
using AeFramework.Data.Synthetic.Shapes;

namespace AeFramework.Data.Synthetic.Pose;

/// <summary>
/// Renders people in groups (so that grouping keypoints into people matters), sometimes in front of a crowd region
/// and partly hidden by unannotated shapes, and labels them as COCO does: the visible silhouette as the
/// mask, its extent as the box, keypoints visible (2), hidden by something in front (1), or unlabelled (0: outside
/// the image or on the far side of the head). The labelled keypoints are COCO's 17 or CrowdPose's 14 (options.Keypoints).
/// </summary>
internal sealed class PoseSceneGenerator(SyntheticPoseOptions options) : ISceneGenerator
{
    public const int PersonCategoryId = 1;

    private const int PlacementTries = 40;
    private const int SceneTries = 10;

    private readonly PoseKeypointLabels _labels = PoseKeypointLabels.For(options.Keypoints);

    public IReadOnlyList<SceneCategory> Categories { get; } =
    [
        new SceneCategory(PersonCategoryId, "person", "person")
        {
            Keypoints = PoseKeypointLabels.For(options.Keypoints).Names,
            Skeleton = PoseKeypointLabels.For(options.Keypoints).Skeleton,
        },
    ];

    public Scene Generate(int imageSeed)
    {
        var rng = new Random(imageSeed);
        // A scene that could not fit its fewest people is redrawn from where the generator stands; it stays deterministic.
        for (var attempt = 1; ; attempt++)
        {
            var scene = TryGenerate(rng);
            if (scene.Objects.Count(o => !o.IsCrowd) >= options.MinPeople || attempt == SceneTries)
            {
                return scene;
            }
        }
    }

    private Scene TryGenerate(Random rng)
    {
        var (w, h) = (options.Width, options.Height);
        var canvas = new Canvas(w, h);
        Backgrounds.Paint(canvas, rng);
        var clutter = rng.Next(options.MaxClutterShapes + 1);
        for (var i = 0; i < clutter; i++)
        {
            DrawLooseShape(canvas, rng, 0.05, 0.3);
        }

        var builder = new SceneBuilder(canvas, options.MinVisibleFraction, options.MinVisiblePixels);
        var crowd = rng.NextDouble() < options.CrowdProbability ? TryAddCrowd(builder, rng) : null;

        var people = new List<(int Owner, PersonFigure Figure, int[] Markers)>();
        var groups = new List<(Vec2 Hip, double Height)>();
        var count = options.MinPeople + rng.Next(options.MaxPeople - options.MinPeople + 1);
        for (var i = 0; i < count; i++)
        {
            var joinGroup = groups.Count > 0 && rng.NextDouble() < options.GroupProbability;
            var group = joinGroup ? groups[rng.Next(groups.Count)] : NewGroup(rng);
            if (!joinGroup)
            {
                groups.Add(group);
            }
            for (var attempt = 0; attempt < PlacementTries; attempt++)
            {
                // Half the tries stay in the group; then anywhere, and smaller and smaller.
                var place = attempt < PlacementTries / 2 ? group : NewGroup(rng);
                var shrink = attempt < PlacementTries / 2 ? 1 : Math.Pow(0.95, attempt - PlacementTries / 2);
                var height = place.Height * shrink * (0.85 + 0.3 * rng.NextDouble());
                var hip = place.Hip + new Vec2(Normal(rng) * options.GroupSpread * height, Normal(rng) * 0.08 * height);
                var figure = PersonFigure.Sample(rng, hip, height, _labels.MarksHeadTopAndNeck);
                int[] markers = [];
                var owner = builder.TryAddObject(id => markers = Paint(canvas, figure, id));
                if (owner is int o)
                {
                    people.Add((o, figure, markers));
                    break;
                }
            }
        }

        if (rng.NextDouble() < options.OccluderProbability)
        {
            var occluders = 1 + rng.Next(2);
            for (var i = 0; i < occluders; i++)
            {
                builder.TryAddOccluder(_ => DrawLooseShape(canvas, rng, 0.08, 0.3));
            }
        }
        Backgrounds.AddSensorNoise(canvas, rng, options.NoiseAmplitude);

        var objects = new List<SceneObject>();
        if (crowd is int crowdOwner)
        {
            objects.Add(new SceneObject(PersonCategoryId, canvas.VisibleMask(crowdOwner), IsCrowd: true));
        }
        foreach (var (owner, figure, markers) in people)
        {
            objects.Add(new SceneObject(PersonCategoryId, canvas.VisibleMask(owner), IsCrowd: false)
            {
                Keypoints = Label(canvas, figure, markers, _labels.FigureJoints),
            });
        }
        return new Scene(w, h, canvas.Pixels, objects);
    }

    /// <summary>Where a new group of people stands (its hip line) and how tall its people are.</summary>
    private (Vec2 Hip, double Height) NewGroup(Random rng)
    {
        var (w, h) = (options.Width, options.Height);
        var height = h * options.MinPersonHeight * Math.Pow(options.MaxPersonHeight / options.MinPersonHeight, rng.NextDouble());
        // Hips low enough for the head and high enough for the knees to be in view, when the person fits.
        var top = Math.Min(0.5 * height, h / 2.0);
        var bottom = Math.Max(h - 0.3 * height, h / 2.0);
        var hip = new Vec2(w * (0.05 + 0.9 * rng.NextDouble()), top + (bottom - top) * rng.NextDouble());
        return (hip, height);
    }

    /// <summary>Paints a person as primitives of <paramref name="owner"/>; returns the primitive of each keypoint's marker (0 when not drawn).</summary>
    private static int[] Paint(Canvas canvas, PersonFigure figure, int owner)
    {
        var markers = new int[PersonFigure.JointCount];
        foreach (var part in figure.Parts)
        {
            var primitive = canvas.Fill(part.Shape, part.Colour, owner);
            if (part.Keypoint >= 0)
            {
                markers[part.Keypoint] = primitive;
            }
        }
        return markers;
    }

    private static SceneKeypoint[] Label(Canvas canvas, PersonFigure figure, int[] markers, IReadOnlyList<int> figureJoints)
    {
        var keypoints = new SceneKeypoint[figureJoints.Count];
        for (var i = 0; i < keypoints.Length; i++)
        {
            var k = figureJoints[i];
            var p = figure.Joints[k];
            var (px, py) = PixelOf(p);
            if (figure.FaceTurnedAway[k] || !canvas.Contains(px, py))
            {
                keypoints[i] = new SceneKeypoint(0, 0, 0);
                continue;
            }
            var shown = canvas.Primitives[py * canvas.Width + px] == markers[k];
            keypoints[i] = new SceneKeypoint(p.X, p.Y, shown ? 2 : 1);
        }
        return keypoints;
    }

    /// <summary>The pixel a point falls in: pixel (i, j) covers [i − ½, i + ½) × [j − ½, j + ½).</summary>
    public static (int X, int Y) PixelOf(Vec2 p) => ((int)Math.Floor(p.X + 0.5), (int)Math.Floor(p.Y + 0.5));

    /// <summary>A crowd: many small people close together, annotated only as one iscrowd region.</summary>
    private int? TryAddCrowd(SceneBuilder builder, Random rng)
    {
        var (w, h) = (options.Width, options.Height);
        var centre = new Vec2(w * (0.15 + 0.7 * rng.NextDouble()), h * (0.3 + 0.6 * rng.NextDouble()));
        var spanX = w * (0.15 + 0.25 * rng.NextDouble());
        var spanY = h * (0.03 + 0.07 * rng.NextDouble());
        var members = 6 + rng.Next(15);
        var figures = new List<PersonFigure>();
        for (var i = 0; i < members; i++)
        {
            var height = h * (0.07 + 0.08 * rng.NextDouble());
            var hip = centre + new Vec2(spanX * (rng.NextDouble() - 0.5), spanY * (rng.NextDouble() - 0.5));
            figures.Add(PersonFigure.Sample(rng, hip, height, _labels.MarksHeadTopAndNeck));
        }
        // Farther (higher in the image) members first.
        return builder.TryAddObject(id =>
        {
            foreach (var f in figures.OrderBy(f => f.Joints[CocoPersonKeypoints.LeftHip].Y))
            {
                Paint(builder.Canvas, f, id);
            }
        });
    }

    /// <summary>An unannotated shape of random kind and colour, <paramref name="min"/>–<paramref name="max"/> of the shorter side across.</summary>
    private void DrawLooseShape(Canvas canvas, Random rng, double min, double max)
    {
        var side = Math.Min(options.Width, options.Height);
        var centre = new Vec2(options.Width * rng.NextDouble(), options.Height * rng.NextDouble());
        var shape = ShapeSampler.Sample(rng, ShapeSampler.RandomKind(rng), centre, side * (min + (max - min) * rng.NextDouble()), rotate: true);
        // Unannotated, so the plain scanline fill will do.
        var fill = shape.Polygon is { } outline ? new PolygonShape(outline) : shape.Shape;
        canvas.Fill(fill, Backgrounds.RandomColour(rng), Canvas.NoObject);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
