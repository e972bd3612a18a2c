using Microsoft.Extensions.DependencyInjection;

namespace AeFramework.Registry;

/// <summary>
/// What a plugin's entry point registers its components with. Each component becomes a keyed
/// service ("kind/name") of <see cref="ComponentDescriptor"/> in the service collection.
/// </summary>
public sealed class ComponentRegistry
{
    private readonly IServiceCollection _services;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public ComponentRegistry(IServiceCollection services, string assemblyName)
    {
        _services = services;
        AssemblyName = assemblyName;
    }

    /// <summary>The assembly whose entry point is registering now.</summary>
    public string AssemblyName { get; internal set; }

    /// <summary>The underlying collection, for plugins that also register plain services.</summary>
    public IServiceCollection Services => _services;

    public ComponentRegistry Add<TService, TOptions>(string name, Func<TOptions, ComponentContext, TService> factory, string description = "")
        where TService : class
        where TOptions : class, new()
    {
        var descriptor = new ComponentDescriptor(typeof(TService), name, typeof(TOptions), (o, c) => factory((TOptions)o, c), description, AssemblyName);
        if (!_keys.Add(descriptor.Key))
        {
            throw new InvalidOperationException($"{descriptor.Kind} '{name}' is registered twice (second time by {AssemblyName})");
        }
        _services.AddKeyedSingleton(descriptor.Key, descriptor);
        _services.AddSingleton(descriptor);
        return this;
    }
}
