using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A department host's administrators see the messages its own receivers gave up on, on a page like the engine's, and
/// send one again from it; its clerks do not; the engine's other administration pages are still not found there.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DepartmentHostFailedMessagesPageTests(DepartmentHostFixture fixture) : IClassFixture<DepartmentHostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task AnAdministratorThere_SeesItsFailedMessage_AndSendsItAgainFromThePage()
    {
        var id = Guid.NewGuid();
        await Host.Services.GetRequiredService<IFailedMessageStore>().RecordAsync(new FailedMessageRecord
        {
            Id = id, Queue = "dept.SAMR", MessageId = Guid.NewGuid().ToString(), MessageType = "ExecuteStep", Body = "{\"stepId\":\"licence\"}",
            Error = "部门系统暂时不可用", FailedAt = Host.Clock.GetUtcNow(),
        }, CancellationToken.None);
        using var admin = await PageSignInTests.SignedInBrowserAsync(Host, "admin", "Demo#2026");
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");

        var listed = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/failed-messages"));
        var token = await PageSignInTests.AntiforgeryTokenAsync(admin, "/admin/failed-messages");
        using var replayed = await admin.PostAsync("/admin/failed-messages?handler=Replay", new FormUrlEncodedContent(
            [new("message", id.ToString()), new("__RequestVerificationToken", token)]));
        using var byClerk = await clerk.GetAsync("/admin/failed-messages");
        using var console = await admin.GetAsync("/admin");

        Assert.Contains($"data-id=\"{id}\"", listed, StringComparison.Ordinal);
        Assert.Contains("部门系统暂时不可用", listed, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/failed-messages\"", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("已重发到 dept.SAMR", WebUtility.HtmlDecode(await replayed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("admin", (await Host.Services.GetRequiredService<IFailedMessageStore>().GetAsync(id, CancellationToken.None))!.ReplayedBy);
        Assert.NotEqual(HttpStatusCode.OK, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, console.StatusCode);
    }
}
