using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The window for a supplement request (补正, 5 working days after receipt) was kept only by the .NET department host: a
/// department system speaking the AMQP contract itself could ask after it, and the engine stopped the step's clock and
/// asked the applicant. The engine now refuses it, on the same instant it gave the department as <c>supplementBy</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_SupplementWindowKeptByTheEngine
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ARequestFromADepartmentSystem_AfterTheWindow_IsRefused_TheClockRuns_AndTheDepartmentReadsWhy()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await host.TaskOfAsync(id);

        // Received on Monday 2 March: the department was told it may ask until the close of office on Monday 9 March.
        var view = await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task.GetProperty("id").GetString()}");
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 30, 0, Cst), view.GetProperty("application").GetProperty("supplementBy").GetDateTimeOffset());

        // On Tuesday 10 March a department system sends a request of its own, as docs/messages.md spells it.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 10, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        await FormCorrectionTests.SendRequestAsync(host, id, new SupplementItem { Material = "articles", Reason = "章程第五条出资方式与申请表不一致" });

        var ignored = (await AllInOneHost.EventuallyAsync(
            () => SupplementApprovalTests.TrailAsync(host, id, "SupplementIgnored"), t => t.Length == 1, "the engine to refuse the request"))[0];
        Assert.Contains("补正须在收件后 5 个工作日内", ignored.GetProperty("data").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await SupplementApprovalTests.TrailAsync(host, id, "SupplementRequested"));
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.DoesNotContain(application.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "supplement-requested");
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());

        // The department learns the applicant was not asked, and why.
        var notice = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices"),
            n => n.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "supplement-refused"),
            "the department's notice of the refusal");
        var refused = notice.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == "supplement-refused");
        Assert.Contains("未告知申请人", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("截至 2026-03-09 17:30", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
