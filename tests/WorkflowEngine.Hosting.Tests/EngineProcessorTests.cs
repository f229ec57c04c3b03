using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The engine's shell: one bad item of a batch fails alone.</summary>
[Trait("Category", "Integration")]
public sealed class EngineProcessorTests
{
    [Fact]
    public async Task ReportForAnUnknownApplication_FailsAlone_WhileTheRestOfItsBatchCommits()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var engine = host.Services.GetRequiredService<EngineProcessor>();
        var now = host.Clock.GetUtcNow();

        var unknown = engine.ApplyAsync(Guid.NewGuid(), new StepClaimedEvent("business-licence", 1, "x", now), Guid.NewGuid().ToString(), CancellationToken.None);
        var known = engine.ApplyAsync(id, new StepClaimedEvent("business-licence", 1, "samr-clerk", now), Guid.NewGuid().ToString(), CancellationToken.None);

        await Assert.ThrowsAsync<UnknownApplicationException>(() => unknown);
        Assert.Equal(EventResult.Applied, await known);
    }
}
