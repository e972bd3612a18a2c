namespace AeFramework.Configuration;

/// <summary>The checks of <see cref="IValidatableOptions"/> for components built from code, where no config position exists.</summary>
public static class ValidatableOptionsExtensions
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first problem as <c>OptionsType.key: message</c>.</summary>
    public static void ThrowIfInvalid(this IValidatableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (key, message) in options.Validate())
        {
            throw new ArgumentOutOfRangeException(key, $"{options.GetType().Name}.{key}: {message}");
        }
    }
}
