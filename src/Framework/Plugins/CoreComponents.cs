using AeFramework.Data;
using AeFramework.Data.Schema;
using AeFramework.Data.Transforms;
using AeFramework.Evaluation;
using AeFramework.Losses.Objectives;
using AeFramework.Models;
using AeFramework.Models.Heads;
using AeFramework.Registry;
using AeFramework.Training;

namespace AeFramework.Plugins;

/// <summary>The core's own registration entry point: backbones, heads, transforms, data sources, keypoint losses, optimizers, schedules, evaluators, sinks.</summary>
public sealed class CoreComponents : IAePlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry
            .Add<IBackbone, HourglassOptions>("hourglass", (o, c) => new HourglassNet(o, c.Device), "stacked hourglass of pose-ae-train (loads its checkpoints)")
            .Add<IBackbone, SmallHourglassOptions>("small_hourglass", (o, c) => new SmallHourglassNet(o, c.Device), "light residual hourglass for CPU experiments")
            .Add<IHead, ConvHeadOptions>("conv", (o, _) => new ConvHead(o), "optional 3×3 conv + ReLU, then a 1×1 convolution to the task's maps")
            .Add<IHead, UpsamplingHeadOptions>("upsampling", (o, _) => new UpsamplingHeadComponent(o), "bilinear up-sampling by 2, 4 or 8, 3×3 conv-BN-ReLU, 1×1 to the maps (finer maps)")
            .Add<ISampleTransform, RandomAffineOptions>("random_affine", (o, c) => new RandomAffine(o with { OutputWidth = o.OutputWidth ?? c.InputSize(), OutputHeight = o.OutputHeight ?? c.InputSize() }), "random scale, rotation, translation; crops to data.input_size unless output_width/height are set")
            .Add<ISampleTransform, HorizontalFlipOptions>("horizontal_flip", (o, c) => new HorizontalFlip(o, c.Get<KeypointSchema>(DerivedKeys.SchemaKey)?.FlipIndex ?? []), "random horizontal flip (keypoints swap by the schema's flip pairs)")
            .Add<ISampleTransform, ColorJitterOptions>("color_jitter", (o, _) => new ColorJitter(o), "random brightness, contrast, saturation")
            .Add<IDatasetSource, SyntheticSourceOptions>("synthetic", (o, _) => new SyntheticSource(o), "built-in synthetic pose, corners or instances set, generated on first use")
            .Add<IDatasetSource, CocoSourceOptions>("coco", (o, c) => new CocoSource(o, c.BaseDirectory), "COCO-format annotation files and image folders")
            .Add<ILoss, KeypointHeatmapLossOptions>("heatmap_mse", (o, _) => new KeypointHeatmapLoss(o), "masked heatmap MSE (pose-ae-train): term heatmap")
            .Add<ILoss, KeypointFocalLossOptions>("heatmap_focal", (o, _) => new KeypointFocalLoss(o), "soft-target focal loss on heatmap logits, per labelled keypoint: term heatmap")
            .Add<ILoss, KeypointTagLossOptions>("ae_tags", (o, _) => new KeypointTagLoss(o), "associative embedding pull/push on keypoint tags (any D): terms push, pull")
            .Add<IOptimizerFactory, AdamOptions>("adam", (o, _) => new AdamFactory(o, decoupled: false), "Adam (L2 weight decay)")
            .Add<IOptimizerFactory, AdamOptions>("adamw", (o, _) => new AdamFactory(o, decoupled: true), "AdamW (decoupled weight decay)")
            .Add<IOptimizerFactory, SgdOptions>("sgd", (o, _) => new SgdFactory(o), "SGD with momentum")
            .Add<ILrSchedule, ConstantScheduleOptions>("constant", (o, _) => new ConstantSchedule(o), "constant rate after linear warm-up")
            .Add<ILrSchedule, StepScheduleOptions>("step", (o, _) => new StepSchedule(o), "rate × gamma at each milestone")
            .Add<ILrSchedule, CosineScheduleOptions>("cosine", (o, _) => new CosineSchedule(o), "cosine decay to min_factor")
            .Add<IEvaluator, CocoMetricsOptions>("coco", (o, _) => new CocoMetricsEvaluator(o), "COCO AP/AR (keypoints with the schema's OKS sigmas, bbox or segm)")
            .Add<IMetricsSink, NoOptions>("jsonl", (_, c) => new JsonLinesSink(Path.Combine(c.RunDirectory(), "metrics.jsonl")), "metrics.jsonl in the run folder")
            .Add<IMetricsSink, NoOptions>("tensorboard", (_, c) => new TensorBoardSink(Path.Combine(c.RunDirectory(), "tensorboard")), "TensorBoard event files in the run folder");
    }
}
