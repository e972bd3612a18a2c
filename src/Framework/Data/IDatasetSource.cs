using AeFramework.Data.Datasets;
using AeFramework.Data.Schema;
using AeFramework.Registry;

namespace AeFramework.Data;

/// <summary>The splits of an experiment's data.</summary>
public enum DataSplit
{
    Train,
    Val,
}

/// <summary>Where an experiment's train and val images come from (a registered component of kind dataset).</summary>
[ComponentKind("dataset")]
public interface IDatasetSource
{
    /// <summary>Opens one split as a COCO-format dataset (its ground truth also serves the evaluation).</summary>
    CocoImageDataset Open(DataSplit split, KeypointSchema? schema);
}
