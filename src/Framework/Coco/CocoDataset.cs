namespace AeFramework.Coco;

/// <summary>
/// A COCO dataset: images, annotations and categories with lookup by id. Immutable; the constructor
/// checks that ids are unique and that every annotation refers to a known image and category.
/// </summary>
public sealed class CocoDataset
{
    private static readonly IReadOnlyList<CocoAnnotation> NoAnnotations = [];

    private readonly Dictionary<long, CocoImage> _images;
    private readonly Dictionary<int, CocoCategory> _categories;
    private readonly Dictionary<long, CocoAnnotation> _annotations;
    private readonly Dictionary<long, List<CocoAnnotation>> _byImage;

    public CocoDataset(
        IReadOnlyList<CocoImage> images,
        IReadOnlyList<CocoAnnotation> annotations,
        IReadOnlyList<CocoCategory> categories,
        CocoInfo? info = null,
        IReadOnlyList<CocoLicense>? licenses = null)
    {
        Images = images;
        Annotations = annotations;
        Categories = categories;
        Info = info;
        Licenses = licenses ?? [];

        _images = new Dictionary<long, CocoImage>(images.Count);
        foreach (var image in images)
        {
            if (!_images.TryAdd(image.Id, image))
            {
                throw new ArgumentException($"duplicate image id {image.Id}", nameof(images));
            }
        }
        _categories = new Dictionary<int, CocoCategory>(categories.Count);
        foreach (var category in categories)
        {
            if (!_categories.TryAdd(category.Id, category))
            {
                throw new ArgumentException($"duplicate category id {category.Id}", nameof(categories));
            }
        }
        _annotations = new Dictionary<long, CocoAnnotation>(annotations.Count);
        _byImage = new Dictionary<long, List<CocoAnnotation>>(images.Count);
        foreach (var annotation in annotations)
        {
            if (!_annotations.TryAdd(annotation.Id, annotation))
            {
                throw new ArgumentException($"duplicate annotation id {annotation.Id}", nameof(annotations));
            }
            if (!_images.ContainsKey(annotation.ImageId))
            {
                throw new ArgumentException($"annotation {annotation.Id} refers to unknown image {annotation.ImageId}", nameof(annotations));
            }
            if (!_categories.ContainsKey(annotation.CategoryId))
            {
                throw new ArgumentException($"annotation {annotation.Id} refers to unknown category {annotation.CategoryId}", nameof(annotations));
            }
            if (!_byImage.TryGetValue(annotation.ImageId, out var list))
            {
                _byImage[annotation.ImageId] = list = [];
            }
            list.Add(annotation);
        }
        ImageIds = _images.Keys.Order().ToArray();
        CategoryIds = _categories.Keys.Order().ToArray();
    }

    /// <summary>Images in file order.</summary>
    public IReadOnlyList<CocoImage> Images { get; }

    /// <summary>Annotations in file order.</summary>
    public IReadOnlyList<CocoAnnotation> Annotations { get; }

    /// <summary>Categories in file order.</summary>
    public IReadOnlyList<CocoCategory> Categories { get; }

    /// <summary>The `info` block, when the file has one.</summary>
    public CocoInfo? Info { get; }

    /// <summary>The `licenses` block (empty when absent).</summary>
    public IReadOnlyList<CocoLicense> Licenses { get; }

    /// <summary>Image ids in ascending order (what pycocotools' evaluation uses by default).</summary>
    public IReadOnlyList<long> ImageIds { get; }

    /// <summary>Category ids in ascending order.</summary>
    public IReadOnlyList<int> CategoryIds { get; }

    public bool TryGetImage(long id, out CocoImage image) => _images.TryGetValue(id, out image!);

    public CocoImage GetImage(long id) =>
        _images.TryGetValue(id, out var image) ? image : throw new KeyNotFoundException($"no image with id {id}");

    public bool TryGetCategory(int id, out CocoCategory category) => _categories.TryGetValue(id, out category!);

    public CocoCategory GetCategory(int id) =>
        _categories.TryGetValue(id, out var category) ? category : throw new KeyNotFoundException($"no category with id {id}");

    public bool TryGetAnnotation(long id, out CocoAnnotation annotation) => _annotations.TryGetValue(id, out annotation!);

    /// <summary>The annotations of one image in file order (empty for unknown or unannotated images).</summary>
    public IReadOnlyList<CocoAnnotation> AnnotationsOf(long imageId) =>
        _byImage.TryGetValue(imageId, out var list) ? list : NoAnnotations;
}
