using AeFramework.Data.Synthetic.Rendering;
using K = AeFramework.Data.Synthetic.Pose.CocoPersonKeypoints;

namespace AeFramework.Data.Synthetic.Pose;

/// <summary>One thing to paint for a person: a body part (<c>Keypoint</c> −1) or the marker that shows a keypoint.</summary>
internal sealed record FigurePart(RasterShape Shape, Rgb Colour, int Keypoint);

/// <summary>
/// A stick-and-blob person with COCO's 17 keypoints, plus the top of the head and the base of the neck (the two
/// CrowdPose adds): sampled limb lengths and joint angles, a turn about the vertical axis (front, profile, back)
/// that decides which side is nearer, thick capsule limbs, a polygon torso, an elliptic head, and a marker at
/// every keypoint whose colours say which joint and which side it is. A mirrored figure contradicts its labels
/// (its left markers stay the lighter ones), so horizontal flips do not augment this set.
/// </summary>
internal sealed class PersonFigure
{
    /// <summary>Index in <see cref="Joints"/> of the top of the head (just inside the head's outline).</summary>
    public const int HeadTop = K.Count;

    /// <summary>Index in <see cref="Joints"/> of the base of the neck, a little above the middle of the shoulders.</summary>
    public const int Neck = K.Count + 1;

    /// <summary>Entries of <see cref="Joints"/>: COCO's 17, then <see cref="HeadTop"/> and <see cref="Neck"/>.</summary>
    public const int JointCount = K.Count + 2;

    private PersonFigure(Vec2[] joints, bool[] faceTurnedAway, List<FigurePart> parts)
    {
        Joints = joints;
        FaceTurnedAway = faceTurnedAway;
        Parts = parts;
    }

    /// <summary>Keypoint positions (on a 1/100 pixel grid), indexed as COCO's person keypoints, then head top and neck.</summary>
    public IReadOnlyList<Vec2> Joints { get; }

    /// <summary>True for face keypoints on the far side of the head: not drawn and not labelled, as COCO's annotators leave them.</summary>
    public IReadOnlyList<bool> FaceTurnedAway { get; }

    /// <summary>Parts in painting order, back to front.</summary>
    public IReadOnlyList<FigurePart> Parts { get; }

    /// <summary>
    /// Samples a person whose hip centre is at <paramref name="hip"/> and whose standing height is <paramref name="height"/>
    /// pixels; <paramref name="markHeadTopAndNeck"/> also draws markers at the head top and the neck. The random draws
    /// are the same either way.
    /// </summary>
    public static PersonFigure Sample(Random rng, Vec2 hip, double height, bool markHeadTopAndNeck = false)
    {
        double Jitter(double v, double spread = 0.1) => v * (1 + spread * (2 * rng.NextDouble() - 1));
        double Deg(double lo, double hi) => (lo + (hi - lo) * rng.NextDouble()) * Math.PI / 180;
        var h = height;

        // Mostly facing the camera, as in photos of people; the rest any way round.
        var yaw = rng.NextDouble() < 0.65 ? Deg(-70, 70) : Deg(-180, 180);
        var (cosYaw, sinYaw) = (Math.Cos(yaw), Math.Sin(yaw));
        var tilt = Deg(-20, 20);
        var up = new Vec2(0, -1).Rotate(tilt);
        var torsoUp = up.Rotate(Deg(-12, 12));
        var lateral = up.Perpendicular;
        var torsoLateral = torsoUp.Perpendicular;

        var torso = Jitter(0.30 * h);
        var neck = Jitter(0.06 * h);
        var headR = Jitter(0.068 * h);
        var shoulderHalf = Jitter(0.11 * h);
        var hipHalf = Jitter(0.075 * h);
        var upperArm = Jitter(0.16 * h);
        var forearm = Jitter(0.15 * h);
        var thigh = Jitter(0.23 * h);
        var shin = Jitter(0.22 * h);
        var armR = Math.Max(0.9, Jitter(0.032 * h));
        var forearmR = Math.Max(0.8, Jitter(0.026 * h));
        var thighR = Math.Max(1.0, Jitter(0.05 * h));
        var shinR = Math.Max(0.9, Jitter(0.038 * h));

        var joints = new Vec2[JointCount];
        var midShoulder = hip + torsoUp * torso;
        // A point at body offset x (positive towards the person's left) shows at x·cos(yaw) across the image:
        // facing the camera, the person's left is on the image's right.
        joints[K.LeftHip] = hip + lateral * (hipHalf * cosYaw);
        joints[K.RightHip] = hip - lateral * (hipHalf * cosYaw);
        joints[K.LeftShoulder] = midShoulder + torsoLateral * (shoulderHalf * cosYaw);
        joints[K.RightShoulder] = midShoulder - torsoLateral * (shoulderHalf * cosYaw);

        // Limbs swing in the image plane; "outwards" is the side of the image the limb's side shows on.
        var facing = cosYaw >= 0 ? 1.0 : -1.0;
        foreach (var (side, shoulder, elbow, wrist, hipJ, knee, ankle) in new[]
        {
            (1.0, K.LeftShoulder, K.LeftElbow, K.LeftWrist, K.LeftHip, K.LeftKnee, K.LeftAnkle),
            (-1.0, K.RightShoulder, K.RightElbow, K.RightWrist, K.RightHip, K.RightKnee, K.RightAnkle),
        })
        {
            var outwards = torsoLateral * (side * facing);
            var armAngle = rng.NextDouble() < 0.6 ? Deg(-15, 45) : Deg(-30, 170);
            var armDir = -1 * torsoUp * Math.Cos(armAngle) + outwards * Math.Sin(armAngle);
            joints[elbow] = joints[shoulder] + armDir * upperArm;
            var bend = Deg(0, 140) * (rng.NextDouble() < 0.5 ? 1 : -1);
            joints[wrist] = joints[elbow] + armDir.Rotate(bend) * forearm;

            var legOut = lateral * (side * facing);
            var legAngle = rng.NextDouble() < 0.8 ? Deg(-12, 30) : Deg(-40, 95);
            var legDir = -1 * up * Math.Cos(legAngle) + legOut * Math.Sin(legAngle);
            joints[knee] = joints[hipJ] + legDir * thigh;
            var kneeBend = (rng.NextDouble() < 0.6 ? Deg(0, 25) : Deg(0, 100)) * (rng.NextDouble() < 0.5 ? 1 : -1);
            joints[ankle] = joints[knee] + legDir.Rotate(kneeBend) * shin;
        }

        var headUp = torsoUp.Rotate(Deg(-15, 15));
        var headLateral = headUp.Perpendicular;
        var headRx = 0.85 * headR;
        var headRy = 1.05 * headR;
        var headCentre = midShoulder + headUp * (neck + headRy);
        // Face points on a unit head: (x to the person's left, y up, z forwards); turned by the yaw, then
        // seen from the front: across = x·cos + z·sin, depth towards the camera = z·cos − x·sin.
        var face = new (int Index, double X, double Y, double Z, double MinDepth)[]
        {
            (K.LeftEar, 0.95, 0.05, -0.05, -0.3),
            (K.RightEar, -0.95, 0.05, -0.05, -0.3),
            (K.LeftEye, 0.38, 0.25, 0.85, 0.1),
            (K.RightEye, -0.38, 0.25, 0.85, 0.1),
            (K.Nose, 0, -0.15, 1.0, 0.1),
        };
        var turnedAway = new bool[JointCount];
        var faceDepth = new double[JointCount];
        foreach (var (index, x, y, z, minDepth) in face)
        {
            var across = x * cosYaw + z * sinYaw;
            var depth = z * cosYaw - x * sinYaw;
            faceDepth[index] = depth;
            turnedAway[index] = depth < minDepth;
            joints[index] = headCentre + headLateral * (across * headRx) + headUp * (y * headRy);
        }
        joints[HeadTop] = headCentre + headUp * (0.8 * headRy);
        joints[Neck] = midShoulder + headUp * (0.3 * neck);
        for (var i = 0; i < joints.Length; i++)
        {
            joints[i] = joints[i].Quantised;
        }

        var skin = Rgb.FromHsv(15 + 25 * rng.NextDouble(), 0.25 + 0.45 * rng.NextDouble(), 0.3 + 0.65 * rng.NextDouble());
        var shirt = Backgrounds.RandomColour(rng, 0.2, 0.25);
        var trousers = Backgrounds.RandomColour(rng, 0.1, 0.15);
        var sleeves = rng.NextDouble() < 0.5;
        // The person's left limbs are a shade lighter than the right ones, a second cue for the side.
        Rgb Side(Rgb c, double side) => c.Scale(side > 0 ? 1.18 : 0.78);

        var parts = new List<FigurePart>();
        var shoulderW = Math.Max(shoulderHalf * Math.Abs(cosYaw), 0.06 * h) + 0.8 * armR;
        var hipW = Math.Max(hipHalf * Math.Abs(cosYaw), 0.05 * h) + 0.8 * thighR;
        parts.Add(new FigurePart(new PolygonShape(
        [
            midShoulder + torsoLateral * shoulderW, hip + lateral * hipW,
            hip - lateral * hipW, midShoulder - torsoLateral * shoulderW,
        ]), shirt, -1));
        parts.Add(new FigurePart(new CapsuleShape(midShoulder, headCentre, Math.Max(0.8, 0.028 * h)), skin, -1));

        var markerR = Math.Max(1.8, 0.03 * h);
        void Marker(int k)
        {
            var (hue, left) = MarkerHue(k);
            var ring = left ? new Rgb(250, 250, 250) : new Rgb(15, 15, 15);
            parts.Add(new FigurePart(CapsuleShape.Disc(joints[k], markerR), ring, -1));
            parts.Add(new FigurePart(CapsuleShape.Disc(joints[k], Math.Max(0.8, 0.6 * markerR)), Rgb.FromHsv(hue, 1, left ? 1 : 0.6), k));
        }
        void Arm(double side, int shoulder, int elbow, int wrist)
        {
            parts.Add(new FigurePart(new CapsuleShape(joints[shoulder], joints[elbow], armR), Side(shirt, side), -1));
            parts.Add(new FigurePart(new CapsuleShape(joints[elbow], joints[wrist], forearmR), Side(sleeves ? shirt : skin, side), -1));
            Marker(shoulder);
            Marker(elbow);
            Marker(wrist);
        }
        void Leg(double side, int hipJ, int knee, int ankle)
        {
            parts.Add(new FigurePart(new CapsuleShape(joints[hipJ], joints[knee], thighR), Side(trousers, side), -1));
            parts.Add(new FigurePart(new CapsuleShape(joints[knee], joints[ankle], shinR), Side(trousers, side), -1));
            Marker(hipJ);
            Marker(knee);
            Marker(ankle);
        }
        if (markHeadTopAndNeck)
        {
            // Centre-line points: a white ring round a black dot, unlike any side marker.
            parts.Add(new FigurePart(CapsuleShape.Disc(joints[Neck], markerR), new Rgb(250, 250, 250), -1));
            parts.Add(new FigurePart(CapsuleShape.Disc(joints[Neck], Math.Max(0.8, 0.6 * markerR)), new Rgb(20, 20, 20), Neck));
        }
        // The person's left side lies at depth −sin(yaw) towards the camera: paint the farther side first.
        var leftNear = sinYaw < 0;
        foreach (var side in leftNear ? new[] { -1.0, 1.0 } : [1.0, -1.0])
        {
            if (side > 0)
            {
                Leg(side, K.LeftHip, K.LeftKnee, K.LeftAnkle);
            }
            else
            {
                Leg(side, K.RightHip, K.RightKnee, K.RightAnkle);
            }
        }
        foreach (var side in leftNear ? new[] { -1.0, 1.0 } : [1.0, -1.0])
        {
            if (side > 0)
            {
                Arm(side, K.LeftShoulder, K.LeftElbow, K.LeftWrist);
            }
            else
            {
                Arm(side, K.RightShoulder, K.RightElbow, K.RightWrist);
            }
        }
        parts.Add(new FigurePart(new EllipseShape(headCentre, headRx, headRy, Math.Atan2(headLateral.Y, headLateral.X)), skin, -1));
        var faceR = Math.Max(0.8, 0.17 * headR);
        if (markHeadTopAndNeck)
        {
            parts.Add(new FigurePart(CapsuleShape.Disc(joints[HeadTop], faceR), new Rgb(20, 20, 20), HeadTop));
        }
        foreach (var (index, _, _, _, _) in face.OrderBy(f => faceDepth[f.Index]))
        {
            if (!turnedAway[index])
            {
                var (hue, left) = MarkerHue(index);
                var colour = index == K.Nose ? new Rgb(235, 235, 235) : Rgb.FromHsv(hue, 1, left ? 1 : 0.6);
                parts.Add(new FigurePart(CapsuleShape.Disc(joints[index], faceR), colour, index));
            }
        }
        return new PersonFigure(joints, turnedAway, parts);
    }

    /// <summary>The marker hue of a keypoint (one per joint type, 45° apart) and whether it is on the person's left.</summary>
    private static (double Hue, bool Left) MarkerHue(int keypoint)
    {
        if (keypoint == K.Nose)
        {
            return (0, false);
        }
        var type = (keypoint - 1) / 2;
        var left = (keypoint - 1) % 2 == 0;
        return (type * 45.0, left);
    }
}
