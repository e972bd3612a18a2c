using AeFramework.Coco;

namespace AeFramework.Data.Synthetic;

/// <summary>Renders one split in parallel and writes its PNGs and COCO annotation file; ids follow image order.</summary>
internal static class SyntheticSplitWriter
{
    public static void Write(SyntheticSplit split, ISceneGenerator generator, Func<int, int> seedOf, ParallelOptions parallel, string description)
    {
        Directory.CreateDirectory(split.ImagesDirectory);
        var n = split.ImageCount;
        var digits = Math.Max(6, n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var images = new CocoImage[n];
        var perImage = new CocoAnnotation[n][];
        Parallel.For(0, n, parallel, i =>
        {
            var scene = generator.Generate(seedOf(i));
            var id = i + 1L;
            var fileName = id.ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture) + ".png";
            ScenePng.Write(Path.Combine(split.ImagesDirectory, fileName), scene);
            images[i] = new CocoImage { Id = id, FileName = fileName, Width = scene.Width, Height = scene.Height };
            perImage[i] = scene.Objects.Select(o => SceneAnnotations.ToCoco(o, id, generator.Categories)).ToArray();
        });

        var annotations = new List<CocoAnnotation>();
        foreach (var list in perImage)
        {
            foreach (var a in list)
            {
                annotations.Add(a with { Id = annotations.Count + 1 });
            }
        }
        var categories = generator.Categories.Select(c => new CocoCategory
        {
            Id = c.Id,
            Name = c.Name,
            SuperCategory = c.Supercategory,
            Keypoints = c.Keypoints ?? [],
            Skeleton = c.Skeleton?.Select(l => new CocoLimb(l.A, l.B)).ToArray() ?? [],
        }).ToArray();
        var info = new CocoInfo { Description = description, Version = "1" };
        CocoWriter.WriteDataset(split.AnnotationsPath, new CocoDataset(images, annotations, categories, info));
    }
}
