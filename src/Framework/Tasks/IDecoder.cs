using AeFramework.Registry;

namespace AeFramework.Tasks;

/// <summary>
/// Test-time decoding of a task's maps into objects: the grouper of associative embedding (component kind
/// <c>decoder</c>). Each task drives its own decoder interface (pose: <c>IPoseGrouper</c>, corners:
/// <c>ICornerDecoder</c>, instance_seg: <c>IInstanceGrouper</c>) and names its default; a plugin offers an
/// alternative by registering a class that implements that interface.
/// </summary>
[ComponentKind("decoder")]
public interface IDecoder
{
    /// <summary>The task maps the decoder reads.</summary>
    IReadOnlyList<string> Inputs { get; }
}

/// <summary>Building the decoder a task's options name.</summary>
public static class Decoders
{
    /// <summary>
    /// The configured decoder as the interface <typeparamref name="T"/> the task drives: through the registry when a
    /// <paramref name="context"/> is given, otherwise by <paramref name="builtIn"/> from the options alone.
    /// </summary>
    public static T Create<T>(ComponentRef<IDecoder> reference, ComponentContext? context, Func<object, T?> builtIn, string task) where T : class, IDecoder
    {
        var decoder = context != null ? context.Create(reference) : builtIn(reference.Options);
        return decoder as T
            ?? throw new ArgumentException($"decoder '{reference.Type}' cannot decode the {task} task's maps: it does not implement {typeof(T).Name}");
    }
}
