using System.Net;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Finding 3 of the hardening issue, at the host: the 23-byte YAML <c>id: self\nflow: &amp;a [ *a ]</c> ended the process
/// with a stack overflow when posted for validation, and stopped the host from starting when it lay in
/// <c>Definitions/services/</c>. Now the host starts without it, says degraded, and names the file and line.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_HostileDefinitionFileDoesNotStopTheHost
{
    private const string Cycle = "id: self\nflow: &a [ *a ]\n";

    [Fact]
    public async Task AliasCycleInTheServicesFolder_IsSkipped_AndReportedAtItsLine()
    {
        var definitions = Directory.CreateTempSubdirectory("workflow-definitions-");
        try
        {
            Copy(new DirectoryInfo(RepositoryPaths.Definitions), definitions);
            await File.WriteAllTextAsync(Path.Combine(definitions.FullName, "services", "self.yaml"), Cycle);

            await using var host = await AllInOneHost.StartAsync(extraArgs: $"--Engine:DefinitionsPath={definitions.FullName}");
            var health = await host.GetJsonAsync("admin", "/health");
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            var error = Assert.Single(health.GetProperty("definitionErrors").EnumerateArray());
            Assert.Contains("self.yaml", error.GetProperty("file").GetString(), StringComparison.Ordinal);
            Assert.Equal(2, error.GetProperty("line").GetInt32());
            // The shipped services are published all the same.
            Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync("/api/services/business-opening")).StatusCode);
        }
        finally
        {
            definitions.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AliasCyclePostedForValidation_IsA400AtItsLine_AndTheHostAnswersAfterwards()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var admin = host.Client("admin");
        using var response = await admin.PostAsync("/api/definitions/validate", new StringContent(Cycle, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health")).StatusCode);
    }

    private static void Copy(DirectoryInfo from, DirectoryInfo to)
    {
        foreach (var file in from.GetFiles())
        {
            file.CopyTo(Path.Combine(to.FullName, file.Name));
        }

        foreach (var folder in from.GetDirectories())
        {
            Copy(folder, to.CreateSubdirectory(folder.Name));
        }
    }
}
