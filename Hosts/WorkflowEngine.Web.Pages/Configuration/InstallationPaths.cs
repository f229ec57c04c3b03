using Microsoft.Data.Sqlite;

namespace WorkflowEngine.Hosting.Configuration;

/// <summary>Finds the Definitions folder and turns relative data paths into absolute ones.</summary>
public static class InstallationPaths
{
    /// <summary>
    /// The definitions folder: as configured if it exists (relative to the working directory), otherwise the nearest
    /// <c>Definitions</c> folder with a departments.yaml above the working directory or the app's content root.
    /// </summary>
    public static string ResolveDefinitions(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, configured);
                if (File.Exists(Path.Combine(candidate, "departments.yaml")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"找不到定义目录“{configured}”（应含 departments.yaml）。请在仓库根目录运行，或用 --Engine:DefinitionsPath=<目录> 指定。");
    }

    /// <summary>Makes a SQLite data source absolute (relative to the working directory) so every process means the same file.</summary>
    public static string AbsoluteSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(source);
        }

        return builder.ToString();
    }
}
