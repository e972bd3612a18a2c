namespace AeFramework;

/// <summary>
/// Bad input from the user (a config, data file, checkpoint, plugin path): reported as one line per
/// problem naming the file and the place, with exit code 2 and no stack trace.
/// </summary>
public class AeInputException : Exception
{
    public AeInputException(string file, string message, int line = 0, int column = 0, string? keyPath = null)
        : base(Format(file, line, column, keyPath, message))
    {
        Problems = [new InputProblem(file, line, column, keyPath, message)];
    }

    public AeInputException(IReadOnlyList<InputProblem> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.ToString())))
    {
        Problems = problems;
    }

    public IReadOnlyList<InputProblem> Problems { get; }

    internal static string Format(string file, int line, int column, string? keyPath, string message)
    {
        var place = line > 0 ? $"{file}:{line}:{column}" : file;
        return keyPath is { Length: > 0 } ? $"{place}: {keyPath}: {message}" : $"{place}: {message}";
    }
}

/// <summary>One problem with user input: where it is and what was expected.</summary>
public sealed record InputProblem(string File, int Line, int Column, string? KeyPath, string Message)
{
    public override string ToString() => AeInputException.Format(File, Line, Column, KeyPath, Message);
}
