namespace AeFramework.Registry;

/// <summary>One registered component: its kind and name, its options type, and how to build it.</summary>
public sealed class ComponentDescriptor
{
    private readonly Func<object, ComponentContext, object> _factory;

    public ComponentDescriptor(Type service, string name, Type optionsType, Func<object, ComponentContext, object> factory, string description, string assembly)
    {
        Service = service;
        Kind = ComponentKindAttribute.Of(service);
        Name = name;
        OptionsType = optionsType;
        _factory = factory;
        Description = description;
        Assembly = assembly;
    }

    public Type Service { get; }

    public string Kind { get; }

    public string Name { get; }

    public Type OptionsType { get; }

    public string Description { get; }

    /// <summary>The simple name of the assembly that registered it.</summary>
    public string Assembly { get; }

    public string Key => KeyOf(Kind, Name);

    public static string KeyOf(string kind, string name) => $"{kind}/{name}";

    public object Create(object options, ComponentContext context) => _factory(options, context);
}
