using System.Reflection;
using AeFramework.Configuration;

namespace AeFramework.Testing;

/// <summary>
/// Sets each real-valued option of every options record in an assembly to NaN and to ±∞, one at a time, and
/// lists the settings its <see cref="IValidatableOptions.Validate"/> lets through: a non-finite value there
/// reaches training or decoding as NaN weights or endless loops instead of a message at its key.
/// </summary>
public static class OptionsSweep
{
    private static readonly double[] NonFinite = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>Fails unless the assembly has real options to sweep and each non-finite setting is reported at its key.</summary>
    public static void AssertEachReported(Assembly assembly)
    {
        Assert.NotEmpty(Records(assembly).SelectMany(RealOptions));
        var unreported = Unreported(assembly);
        Assert.True(unreported.Count == 0, "not reported at their keys:\n" + string.Join("\n", unreported));
    }

    /// <summary>The records swept: public, concrete, buildable without arguments.</summary>
    private static IReadOnlyList<Type> Records(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(t => typeof(IValidatableOptions).IsAssignableFrom(t) && t is { IsPublic: true, IsAbstract: false, IsInterface: false }
                && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The real-valued settable options of a record: double and double? properties.</summary>
    private static IReadOnlyList<PropertyInfo> RealOptions(Type record) =>
        [.. record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && (p.PropertyType == typeof(double) || p.PropertyType == typeof(double?)))];

    /// <summary>"Record.key = value" for every real option and non-finite value that Validate does not report at the option's key.</summary>
    private static List<string> Unreported(Assembly assembly)
    {
        var missed = new List<string>();
        foreach (var record in Records(assembly))
        {
            foreach (var property in RealOptions(record))
            {
                var key = ConfigNaming.ToSnakeCase(property.Name);
                foreach (var value in NonFinite)
                {
                    var options = (IValidatableOptions)Activator.CreateInstance(record)!;
                    property.SetValue(options, value);
                    if (!options.Validate().Any(problem => problem.Key == key))
                    {
                        missed.Add($"{record.Name}.{key} = {value}");
                    }
                }
            }
        }
        return missed;
    }
}
