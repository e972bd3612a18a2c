using Microsoft.Extensions.Logging;

namespace AeFramework.Cli;

/// <summary>
/// Runs a command's body with the CLI's exit-code contract: 0 ok, 2 bad input (one line per problem,
/// no stack trace), 1 internal error.
/// </summary>
public static class CommandBody
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (AeInputException e)
        {
            foreach (var problem in e.Problems)
            {
                Console.Error.WriteLine($"error: {problem}");
            }
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return InternalError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("AE_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }
            else
            {
                Console.Error.WriteLine("(set AE_DEBUG=1 for the stack trace)");
            }
            return InternalError;
        }
    }

    public static ILoggerFactory CreateLoggerFactory(LogLevel level = LogLevel.Information) =>
        LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }).SetMinimumLevel(level));
}
