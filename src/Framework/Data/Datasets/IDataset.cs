namespace AeFramework.Data.Datasets;

/// <summary>An indexed collection of annotated images. Implementations must be safe to call from several threads.</summary>
public interface IDataset
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Loads sample <paramref name="index"/> (decoding its image); null when the sample was skipped
    /// (a bad image under a skip policy). Throws <see cref="AeInputException"/> for bad input otherwise.</summary>
    DataSample? Load(int index);
}
