using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using AeFramework.Registry;

namespace AeFramework.Configuration;

/// <summary>
/// Binds a <see cref="ConfigNode"/> tree to immutable options records: snake_case keys to init
/// properties, scalars typed by the property (never guessed), <see cref="ComponentRef{T}"/> resolved
/// against the registry. Every problem is collected with its file, line, column and key path.
/// </summary>
public sealed class ConfigBinder(ComponentCatalog? catalog = null)
{
    public T Bind<T>(ConfigNode? node, string keyPath, ConfigErrors errors) where T : class =>
        (T?)Bind(typeof(T), node ?? new ConfigMap(SourceLocation.None), keyPath, errors, node?.Location ?? SourceLocation.None)
        ?? (T)Activator.CreateInstance(typeof(T))!;

    /// <summary>Binds and throws one <see cref="AeInputException"/> listing every problem.</summary>
    public T BindOrThrow<T>(ConfigNode? node, string keyPath = "") where T : class
    {
        var errors = new ConfigErrors();
        var result = Bind<T>(node, keyPath, errors);
        errors.ThrowIfAny();
        return result;
    }

    /// <summary>
    /// Binds <paramref name="node"/> as a <paramref name="type"/>. A map given over a default (<paramref name="current"/>)
    /// merges into it: a component keeps the default's type and, for that type, its options (model.backbone: {stacks: 2});
    /// a record its other values; a non-empty dictionary its other entries. Other values replace the default.
    /// </summary>
    public object? Bind(Type type, ConfigNode? node, string keyPath, ConfigErrors errors, SourceLocation at, object? current = null)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (node is null or ConfigScalar { IsNull: true })
        {
            if (underlying != null || !type.IsValueType)
            {
                return null;
            }
            errors.Add(node?.Location ?? at, keyPath, $"expected {Describe(type)}, got null");
            return null;
        }
        type = underlying ?? type;

        if (typeof(ComponentRef).IsAssignableFrom(type))
        {
            return BindComponent(type, node, keyPath, errors, current as ComponentRef);
        }
        if (IsScalarType(type))
        {
            return BindScalar(type, node, keyPath, errors);
        }
        if (ElementTypeOfList(type) is { } element)
        {
            return BindList(type, element, node, keyPath, errors);
        }
        if (ValueTypeOfDictionary(type) is { } valueType)
        {
            return BindDictionary(valueType, node, keyPath, errors, current is IDictionary { Count: > 0 } defaults ? defaults : null);
        }
        return BindRecord(type, node, keyPath, errors, start: current?.GetType() == type ? current : null);
    }

    private static bool IsScalarType(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);

    private static Type? ElementTypeOfList(Type t)
    {
        if (t.IsArray)
        {
            return t.GetElementType();
        }
        if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            if (def == typeof(List<>) || def == typeof(IReadOnlyList<>) || def == typeof(IList<>) || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyCollection<>))
            {
                return t.GetGenericArguments()[0];
            }
        }
        return null;
    }

    private static Type? ValueTypeOfDictionary(Type t)
    {
        if (!t.IsGenericType)
        {
            return null;
        }
        var def = t.GetGenericTypeDefinition();
        var args = t.GetGenericArguments();
        return (def == typeof(Dictionary<,>) || def == typeof(IReadOnlyDictionary<,>) || def == typeof(IDictionary<,>)) && args[0] == typeof(string)
            ? args[1]
            : null;
    }

    public static string Describe(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return "an integer";
        if (t == typeof(float) || t == typeof(double) || t == typeof(decimal)) return "a number";
        if (t == typeof(string)) return "a string";
        if (t.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(t).Select(ConfigNaming.ToSnakeCase));
        if (typeof(ComponentRef).IsAssignableFrom(t)) return $"a {ComponentKindAttribute.Of(t.GetGenericArguments()[0])} (a map with 'type')";
        if (ElementTypeOfList(t) is { } e) return $"a list of {Describe(e)}";
        if (ValueTypeOfDictionary(t) != null) return "a map";
        return "a map";
    }

    private static object? BindScalar(Type type, ConfigNode node, string keyPath, ConfigErrors errors)
    {
        if (node is not ConfigScalar { Value: { } text } scalar)
        {
            errors.Add(node.Location, keyPath, $"expected {Describe(type)}, got {node.Describe()}");
            return null;
        }
        if (type == typeof(string))
        {
            return text;
        }
        if (scalar.Quoted)
        {
            errors.Add(node.Location, keyPath, $"expected {Describe(type)}, got the quoted string '{text}'");
            return null;
        }
        var inv = CultureInfo.InvariantCulture;
        object? value = null;
        if (type == typeof(bool))
        {
            value = text switch { "true" or "True" or "TRUE" => true, "false" or "False" or "FALSE" => false, _ => null };
        }
        else if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, inv, out var i)) value = i;
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, inv, out var l)) value = l;
        else if (type == typeof(short) && short.TryParse(text, NumberStyles.Integer, inv, out var sh)) value = sh;
        else if (type == typeof(double) && TryParseReal(text, out var d)) value = d;
        else if (type == typeof(float) && TryParseReal(text, out var f)) value = (float)f;
        else if (type == typeof(decimal) && decimal.TryParse(text, NumberStyles.Float, inv, out var m)) value = m;
        else if (type.IsEnum)
        {
            value = Enum.GetNames(type).FirstOrDefault(n => ConfigNaming.ToSnakeCase(n) == text || n == text) is { } name
                ? Enum.Parse(type, name)
                : null;
        }
        if (value == null)
        {
            errors.Add(node.Location, keyPath, $"expected {Describe(type)}, got '{text}'");
        }
        return value;
    }

    private static bool TryParseReal(string text, out double value)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or "+.inf": value = double.PositiveInfinity; return true;
            case "-.inf" or "-.Inf": value = double.NegativeInfinity; return true;
            case ".nan" or ".NaN": value = double.NaN; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private object? BindList(Type listType, Type element, ConfigNode node, string keyPath, ConfigErrors errors)
    {
        if (node is not ConfigList list)
        {
            errors.Add(node.Location, keyPath, $"expected {Describe(listType)}, got {node.Describe()}");
            return null;
        }
        var items = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        for (var i = 0; i < list.Items.Count; i++)
        {
            items.Add(Bind(element, list.Items[i], $"{keyPath}[{i}]", errors, list.Items[i].Location));
        }
        if (listType.IsArray)
        {
            var array = Array.CreateInstance(element, items.Count);
            items.CopyTo(array, 0);
            return array;
        }
        return items;
    }

    /// <summary>
    /// A map of named values. Over a non-empty default (e.g. a task's losses) each configured entry merges into the
    /// default's entry of that key (as <see cref="Bind"/> merges), <c>null</c> removes one, and other keys are added.
    /// </summary>
    private object? BindDictionary(Type valueType, ConfigNode node, string keyPath, ConfigErrors errors, IDictionary? defaults = null)
    {
        if (node is not ConfigMap map)
        {
            errors.Add(node.Location, keyPath, $"expected a map, got {node.Describe()}");
            return null;
        }
        var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        if (defaults != null)
        {
            foreach (DictionaryEntry entry in defaults)
            {
                dict[entry.Key] = entry.Value;
            }
        }
        foreach (var (k, v) in map.Entries)
        {
            if (defaults != null && v is ConfigScalar { IsNull: true })
            {
                dict.Remove(k);
                continue;
            }
            dict[k] = Bind(valueType, v, Join(keyPath, k), errors, v.Location, defaults?[k]);
        }
        return dict;
    }

    /// <summary>
    /// Binds a component map. Over a default component (<paramref name="inherited"/>) a map without 'type', or
    /// with the default's type, merges into the default's options; another type starts from its own defaults.
    /// </summary>
    private object? BindComponent(Type refType, ConfigNode node, string keyPath, ConfigErrors errors, ComponentRef? inherited = null)
    {
        var service = refType.GetGenericArguments()[0];
        var kind = ComponentKindAttribute.Of(service);
        if (node is not ConfigMap map)
        {
            errors.Add(node.Location, keyPath, $"expected a {kind} (a map with 'type: NAME'), got {node.Describe()}");
            return null;
        }
        var name = map["type"] is ConfigScalar { Value: { } given } ? given : inherited?.Type;
        if (name == null)
        {
            errors.Add(map.Location, keyPath, $"a {kind} needs 'type' (one of: {string.Join(", ", catalog?.NamesOf(service) ?? [])})");
            return null;
        }
        if (catalog == null)
        {
            throw new InvalidOperationException($"binding the {kind} at '{keyPath}' needs the component catalog");
        }
        var descriptor = catalog.Find(service, name);
        if (descriptor == null)
        {
            var names = catalog.NamesOf(service).ToList();
            var hint = ConfigErrors.Closest(name, names) is { } close ? $" (did you mean '{close}'?)" : "";
            errors.Add(map["type"]!.Location, Join(keyPath, "type"), $"unknown {kind} '{name}'{hint}; valid: {(names.Count > 0 ? string.Join(", ", names) : "none registered")}");
            return null;
        }
        var start = inherited?.Type == name && inherited.Options?.GetType() == descriptor.OptionsType ? inherited.Options : null;
        var options = BindRecord(descriptor.OptionsType, map, keyPath, errors, skipKey: "type", start);
        return Activator.CreateInstance(refType) is ComponentRef r
            ? r with { Type = name, Options = options ?? Activator.CreateInstance(descriptor.OptionsType)! }
            : null;
    }

    /// <summary>Binds a map onto a fresh <paramref name="type"/>, or onto a copy of <paramref name="start"/> (the default it is given over).</summary>
    private object? BindRecord(Type type, ConfigNode node, string keyPath, ConfigErrors errors, string? skipKey = null, object? start = null)
    {
        if (node is not ConfigMap map)
        {
            errors.Add(node.Location, keyPath, $"expected a map, got {node.Describe()}");
            return null;
        }
        if (type.IsAbstract || type.IsInterface || type.GetConstructor(Type.EmptyTypes) == null)
        {
            throw new InvalidOperationException($"options type {type.FullName} needs a public parameterless constructor");
        }
        var instance = Activator.CreateInstance(type)!;
        var properties = SettableProperties(type);
        if (start != null)
        {
            foreach (var property in properties.Values)
            {
                property.SetValue(instance, property.GetValue(start));
            }
        }
        foreach (var (key, value) in map.Entries)
        {
            if (key == skipKey)
            {
                continue;
            }
            if (!properties.TryGetValue(key, out var property))
            {
                var hint = ConfigErrors.Closest(key, properties.Keys) is { } close ? $"; did you mean '{close}'?" : "";
                var valid = string.Join(", ", properties.Keys.Where(k => k != skipKey));
                errors.Add(map.KeyLocation(key), Join(keyPath, key), $"unknown key '{key}'{hint} (valid keys: {valid})");
                continue;
            }
            var bound = Bind(property.PropertyType, value, Join(keyPath, key), errors, value.Location, property.GetValue(instance));
            if (bound != null || IsNullable(property))
            {
                property.SetValue(instance, bound);
            }
        }
        foreach (var (key, property) in properties)
        {
            if (start == null && property.GetCustomAttribute<RequiredMemberAttribute>() != null && !map.ContainsKey(key))
            {
                errors.Add(map.Location, Join(keyPath, key), $"missing required value ({Describe(property.PropertyType)})");
            }
        }
        if (instance is IValidatableOptions validatable)
        {
            // A value that failed to bind holds its default: checking it would only add noise.
            var failed = errors.Problems.Select(p => p.KeyPath).ToHashSet();
            foreach (var (key, message) in validatable.Validate())
            {
                var path = Join(keyPath, key);
                if (!failed.Any(f => f != null && (f == path || f.StartsWith(path + ".", StringComparison.Ordinal) || f.StartsWith(path + "[", StringComparison.Ordinal))))
                {
                    errors.Add(map.ContainsKey(key) ? map[key]!.Location : map.Location, path, message);
                }
            }
        }
        return instance;
    }

    private static bool IsNullable(PropertyInfo p) =>
        Nullable.GetUnderlyingType(p.PropertyType) != null ||
        (!p.PropertyType.IsValueType && new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable);

    /// <summary>The bindable properties of an options type by config key.</summary>
    public static Dictionary<string, PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToDictionary(p => ConfigNaming.ToSnakeCase(p.Name), StringComparer.Ordinal);

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
