using Microsoft.Extensions.DependencyInjection;

namespace AeFramework.Registry;

/// <summary>Read side of the registry: find components by kind and name, list them, build them.</summary>
public sealed class ComponentCatalog(IServiceProvider services)
{
    private readonly ComponentDescriptor[] _all = services.GetServices<ComponentDescriptor>().ToArray();

    public IServiceProvider Services { get; } = services;

    public IReadOnlyList<ComponentDescriptor> All => _all;

    public ComponentDescriptor? Find(Type service, string name) =>
        Services.GetKeyedService<ComponentDescriptor>(ComponentDescriptor.KeyOf(ComponentKindAttribute.Of(service), name));

    public IEnumerable<string> NamesOf(Type service)
    {
        var kind = ComponentKindAttribute.Of(service);
        return _all.Where(d => d.Kind == kind).Select(d => d.Name).Order(StringComparer.Ordinal);
    }
}
