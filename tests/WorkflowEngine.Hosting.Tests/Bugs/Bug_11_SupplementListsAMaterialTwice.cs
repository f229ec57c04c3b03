using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Only the .NET desk refused a supplement request (补正) listing one material twice: a department's own system,
/// publishing to the engine's queue over AMQP, had the applicant told of the same material twice with two reasons (a
/// field twice the engine already refused). The engine now refuses it (<c>SupplementIgnored</c>, the department told
/// why) and the clock keeps running.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_SupplementListsAMaterialTwice
{
    [Fact]
    public async Task ARequestListingOneMaterialTwice_IsIgnoredAndTheClockRuns()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(id);

        await FormCorrectionTests.SendRequestAsync(host, id,
            [new SupplementItem { Material = "articles", Reason = "章程缺页" }, new SupplementItem { Material = "articles", Reason = "章程未签字" }]);

        var ignored = await AllInOneHost.EventuallyAsync(
            () => SupplementApprovalTests.TrailAsync(host, id, "SupplementIgnored"), t => t.Length == 1, "the engine to refuse the request");
        Assert.Equal("材料“articles”列出了两次", ignored[0].GetProperty("data").GetProperty("reason").GetString());
        Assert.Empty(await SupplementApprovalTests.TrailAsync(host, id, "SupplementRequested"));
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());
    }
}
