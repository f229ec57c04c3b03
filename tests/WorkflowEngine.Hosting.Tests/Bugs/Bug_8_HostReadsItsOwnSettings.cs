using Microsoft.Extensions.Configuration;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The host looked for appsettings.json in the working directory: started from the repository root it ran without its
/// settings, and logged every request path, tracking numbers included, at Information. It reads the appsettings.json
/// beside its own assembly now, wherever it is started from.
/// </summary>
[Collection(nameof(WorkingDirectoryCollection))]
[Trait("Category", "Integration")]
public sealed class Bug_8_HostReadsItsOwnSettings
{
    [Fact]
    public async Task StartedFromAnotherDirectory_ItsAppSettingsAreInEffect()
    {
        var original = Directory.GetCurrentDirectory();
        var elsewhere = Directory.CreateTempSubdirectory("workflow-cwd-");
        Directory.SetCurrentDirectory(elsewhere.FullName);
        try
        {
            var app = AllInOneApp.Build(
            [
                $"--Database:ConnectionString=Data Source={Path.Combine(elsewhere.FullName, "workflow.db")}",
                $"--Engine:BlobPath={Path.Combine(elsewhere.FullName, "blobs")}",
                $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
            ]);
            await using (app)
            {
                // Values that only the host's appsettings.json sets.
                Assert.Equal("Warning", app.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
                Assert.Equal("in-memory", app.Configuration["Messaging:Transport"]);
                Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(app.Environment.ContentRootPath));
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(original);
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheTestsCopyOfTheHostsSettings_IsThere()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();

        Assert.Equal("Warning", settings["Logging:LogLevel:Microsoft.AspNetCore"]);
    }
}
