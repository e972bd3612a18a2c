namespace AeFramework.Registry;

/// <summary>Names the kind of component a service interface is (backbone, loss, ...), as configs and `ae components` show it.</summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class, Inherited = false)]
public sealed class ComponentKindAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;

    public static string Of(Type service) =>
        service.GetCustomAttributes(typeof(ComponentKindAttribute), false).OfType<ComponentKindAttribute>().FirstOrDefault()?.Kind
        ?? throw new InvalidOperationException($"{service.FullName} has no [ComponentKind]: it cannot be registered as a component");
}
