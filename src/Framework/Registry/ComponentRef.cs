namespace AeFramework.Registry;

/// <summary>
/// A component chosen in a config (<c>type: name</c> plus its options), with its options already bound
/// and validated against the registered options type.
/// </summary>
public abstract record ComponentRef
{
    public required string Type { get; init; }

    public required object Options { get; init; }

    public abstract Type Service { get; }
}

/// <summary>A component of service <typeparamref name="TService"/> chosen in a config.</summary>
public sealed record ComponentRef<TService> : ComponentRef where TService : class
{
    public override Type Service => typeof(TService);

    /// <summary>A reference built from code: the name and options of a registered component.</summary>
    public static ComponentRef<TService> Of(string type, object options) => new() { Type = type, Options = options };

    public TOptions OptionsAs<TOptions>() where TOptions : class =>
        Options as TOptions ?? throw new InvalidOperationException($"{ComponentKindAttribute.Of(typeof(TService))} '{Type}' has options of type {Options.GetType().Name}, not {typeof(TOptions).Name}");
}
