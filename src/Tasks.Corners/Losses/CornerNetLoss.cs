using AeFramework.Losses;
using static TorchSharp.torch;

namespace AeFramework.Tasks.Corners.Losses;

/// <summary>
/// CornerNet's training loss (<c>CornerNet_Loss</c>): focal loss on both corner heatmaps, embedding pull and push
/// between each object's two corners, and smooth-L1 offsets, summed over stacks and divided by their number.
/// </summary>
public sealed class CornerNetLoss
{
    private readonly CornerNetLossOptions options;
    private readonly FocalLoss focal = new(new FocalLossOptions());
    private readonly CornerTagLoss tags;
    private readonly CornerOffsetLoss offsets = new(new CornerOffsetLossOptions());

    public CornerNetLoss(CornerNetLossOptions options)
    {
        this.options = options;
        tags = new CornerTagLoss(new CornerTagLossOptions { Margin = options.Margin });
    }

    public CornerNetLossOptions Options => options;

    public CornerNetLossTerms Forward(IReadOnlyList<CornerNetHeads> stacks, CornerNetTargets targets)
    {
        if (stacks.Count == 0)
        {
            throw new ArgumentException("at least one stack of outputs is needed", nameof(stacks));
        }
        using var scope = NewDisposeScope();
        var focalSum = (focal.Forward(stacks.Select(s => s.TopLeftHeat).ToList(), targets.TopLeftHeat)
            + focal.Forward(stacks.Select(s => s.BottomRightHeat).ToList(), targets.BottomRightHeat)) * options.FocalWeight;

        Tensor? pull = null, push = null, offset = null;
        foreach (var stack in stacks)
        {
            var embedding = tags.Forward(
                PixelGather.At(stack.TopLeftTag, targets.TopLeftIndex),
                PixelGather.At(stack.BottomRightTag, targets.BottomRightIndex),
                targets.Mask);
            var stackOffset = offsets.Forward(PixelGather.At(stack.TopLeftOffset, targets.TopLeftIndex), targets.TopLeftOffset, targets.Mask)
                + offsets.Forward(PixelGather.At(stack.BottomRightOffset, targets.BottomRightIndex), targets.BottomRightOffset, targets.Mask);
            pull = pull is null ? embedding.Pull : pull + embedding.Pull;
            push = push is null ? embedding.Push : push + embedding.Push;
            offset = offset is null ? stackOffset : offset + stackOffset;
        }

        var weightedPull = pull! * options.PullWeight;
        var weightedPush = push! * options.PushWeight;
        var weightedOffset = offset! * options.OffsetWeight;
        var total = (focalSum + weightedPull + weightedPush + weightedOffset) / stacks.Count;
        return new CornerNetLossTerms(
            focalSum.MoveToOuterDisposeScope(),
            weightedPull.MoveToOuterDisposeScope(),
            weightedPush.MoveToOuterDisposeScope(),
            weightedOffset.MoveToOuterDisposeScope(),
            total.MoveToOuterDisposeScope());
    }
}
