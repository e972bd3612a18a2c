using AeFramework.Configuration;

namespace AeFramework.Data.Transforms;

/// <summary>
/// One step of the augmentation pipeline. Applies the same geometry to image, keypoints, boxes and masks
/// and keeps <see cref="AnnotatedImage.ToOriginal"/> up to date. Deterministic given the random source;
/// every call draws the same count of numbers from it whatever it decides, so later steps see the same stream.
/// A transform that changes pixels returns a new image and leaves its input's arrays untouched (inside a
/// <see cref="TransformPipeline"/> the built-in ones reuse intermediate images that only the pipeline holds).
/// </summary>
[AeFramework.Registry.ComponentKind("transform")]
public interface ISampleTransform
{
    AnnotatedImage Apply(AnnotatedImage sample, Random random);
}

/// <summary>
/// The options record of a transform, so a pipeline can be described as a list of options; it checks its values,
/// at their keys when bound from a config and when the transform is built from code.
/// </summary>
public interface ITransformOptions : IValidatableOptions;
