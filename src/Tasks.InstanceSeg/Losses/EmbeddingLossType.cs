namespace AeFramework.Tasks.InstanceSeg.Losses;

/// <summary>How the pixel embeddings are trained.</summary>
public enum EmbeddingLossType
{
    /// <summary>Associative embedding: pull each sampled pixel to its instance's mean, push the means apart (exp or max).</summary>
    Ae,

    /// <summary>De Brabandere et al. 2017: hinged variance and distance terms and a small regulariser on the means.</summary>
    Discriminative,
}
