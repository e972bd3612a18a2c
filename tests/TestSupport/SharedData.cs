using System.Runtime.CompilerServices;

namespace AeFramework.Testing;

/// <summary>Locates the repository and the reference fixtures in ../shared beside it.</summary>
public static class SharedData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The fixtures folder: $AE_SHARED_DIR, else ../shared beside the repository.</summary>
    public static string Root { get; } = Environment.GetEnvironmentVariable("AE_SHARED_DIR") is { Length: > 0 } d
        ? Path.GetFullPath(d)
        : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>The absolute path of a fixture; fails the test with a clear message when ../shared is absent.</summary>
    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"reference fixture '{relative}' not found under {Root} (the shared fixtures folder beside the repository; set AE_SHARED_DIR to point elsewhere)", path);
        }
        return path;
    }

    private static string FindRepoRoot([CallerFilePath] string here = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(here) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AeFramework.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("AeFramework.sln not found above the test assembly");
    }
}
