namespace AeFramework.Configuration;

/// <summary>
/// Options records that check their own values after binding. Each problem names the snake_case key it
/// concerns (reported at that key's position) and what was expected.
/// </summary>
public interface IValidatableOptions
{
    IEnumerable<(string Key, string Message)> Validate();
}
