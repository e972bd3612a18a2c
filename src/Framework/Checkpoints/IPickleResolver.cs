namespace AeFramework.Checkpoints;

/// <summary>What a pickle stream's calls mean: the reader itself runs no code, the resolver decides what each named callable builds.</summary>
internal interface IPickleResolver
{
    /// <summary>REDUCE and NEWOBJ: the value of <paramref name="callable"/> applied to <paramref name="arguments"/>.</summary>
    object? Call(PickleGlobal callable, object?[] arguments);

    /// <summary>BUILD: state set on an object after it was made.</summary>
    void Build(object? target, object? state);

    /// <summary>BINPERSID / PERSID: an object stored outside the pickle stream.</summary>
    object? PersistentLoad(object? id);
}
