namespace AeFramework.Data.Datasets;

/// <summary>What a dataset does with an image it cannot use (missing, corrupt, oversized, wrong size).</summary>
public enum BadImagePolicy
{
    /// <summary>Stop with an <see cref="AeInputException"/> naming the file.</summary>
    Fail,

    /// <summary>Skip the sample and count it.</summary>
    Skip,
}
