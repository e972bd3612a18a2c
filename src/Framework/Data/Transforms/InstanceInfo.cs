namespace AeFramework.Data.Transforms;

/// <summary>What transforms never change about an instance: its identity, category and labelling.</summary>
public readonly record struct InstanceInfo(long AnnotationId, int CategoryId, bool IsCrowd, int NumKeypoints)
{
    /// <summary>Crowd regions and people without labelled keypoints: excluded from the loss rather than learnt.</summary>
    public bool IsIgnored => IsCrowd || NumKeypoints == 0;
}
