using AeFramework.Data.Imaging;

namespace AeFramework.Data.Datasets;

/// <summary>Plain image files without annotations (for inference); image ids are 1..N in the given order.</summary>
public sealed class ImageFilesDataset(IReadOnlyList<string> paths, ImageDecoder? decoder = null) : IDataset
{
    private readonly ImageDecoder _decoder = decoder ?? new ImageDecoder();

    public IReadOnlyList<string> Paths { get; } = paths;

    public int Count => Paths.Count;

    public DataSample? Load(int index) => new()
    {
        ImageId = index + 1,
        Source = Paths[index],
        Image = _decoder.Decode(Paths[index]),
    };
}
