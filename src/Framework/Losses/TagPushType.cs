namespace AeFramework.Losses;

/// <summary>How the associative embedding loss pushes the mean tags of two different objects apart.</summary>
public enum TagPushType
{
    /// <summary>exp(−‖Δ‖²): a Gaussian penalty that never reaches zero (pose-ae-train, HigherHRNet <c>exp</c>).</summary>
    Exp,

    /// <summary>max(0, 1 − ‖Δ‖): a hinge that stops once the means are a unit apart (HigherHRNet <c>max</c>).</summary>
    Max,
}
