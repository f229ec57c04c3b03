namespace WorkflowEngine.Testing;

/// <summary>Finds the repository's folders from wherever the tests run.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Definitions => Path.Combine(Root, "Definitions");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WorkflowEngine.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("WorkflowEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
