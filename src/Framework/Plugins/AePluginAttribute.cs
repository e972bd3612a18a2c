namespace AeFramework.Plugins;

/// <summary>
/// Names an assembly's one registration entry point. The host instantiates that type and calls
/// <see cref="IAePlugin.Register"/>; nothing is registered by static side effects.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class AePluginAttribute(Type entryPoint) : Attribute
{
    public Type EntryPoint { get; } = entryPoint;
}
