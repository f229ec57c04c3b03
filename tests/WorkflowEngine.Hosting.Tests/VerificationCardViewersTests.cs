using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Who sees the cards of a verification task's clock (事后核查, clock kind <c>verification</c>, id <c>&lt;step&gt;:verify</c>):
/// the verification is the department's own duty after the step was approved on the applicant's commitment, which the
/// applicant cannot speed up, so their step stays approved with no card (<c>steps[].warning</c> and the progress page's
/// step card); the clerk's queue shows the task's red badge, the supervisors list it as overdue and their navigation
/// counts its red notice (see docs/definitions.md, 告知承诺制).
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class VerificationCardViewersTests
{
    [Fact]
    public async Task AVerificationPastItsLimit_IsRedForTheClerkAndTheSupervisors_NotOnTheApplicantsStep()
    {
        await using var host = await AllInOneHost.StartAsync();
        var (id, task) = await CommitmentFlow.VerificationOutAsync(host);
        var dueAt = (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("task").GetProperty("dueAt").GetDateTimeOffset();
        using (var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "arch-supervisor", "Demo#2026"))
        {
            // Whatever came before (the bundle's own cards) is read: the badge then counts the verification's red alone.
            _ = await supervisor.GetStringAsync("/desk/supervise");
        }

        host.Clock.Advance(dueAt - host.Clock.GetUtcNow() + TimeSpan.FromDays(1));
        await host.FireDueTimersAsync();
        await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("task"),
            t => t.GetProperty("warning").GetString() == "red",
            "the verification task's red card");

        // The clerk's queue: the task with its red badge.
        using var clerk = await PageSignInTests.SignedInBrowserAsync(host, "arch-clerk", "Demo#2026");
        var queue = WebUtility.HtmlDecode(await clerk.GetStringAsync("/desk"));
        var row = Assert.Single(QueueRow().Matches(queue), m => m.Value.Contains($"href=\"/desk/tasks/{task}\"", StringComparison.Ordinal)).Value;
        Assert.Contains("desk-card-red", row, StringComparison.Ordinal);
        Assert.Contains("事后核查：", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"desk-badge desk-badge-red\">红牌：已超期</span>", row, StringComparison.Ordinal);

        // The supervisors: counted in their navigation, listed as overdue.
        using var arch = await PageSignInTests.SignedInBrowserAsync(host, "arch-supervisor", "Demo#2026");
        Assert.Contains("<span class=\"nav-badge\" id=\"unread-red-notices\"> 1<", await arch.GetStringAsync("/desk"), StringComparison.Ordinal);
        var red = Assert.Single((await host.GetJsonAsync("arch-supervisor", "/api/departments/ARCH/warnings?level=red")).EnumerateArray());
        Assert.Equal((id, CommitmentFlow.Archives), (red.GetProperty("applicationId").GetGuid(), red.GetProperty("stepId").GetString()));
        var supervise = WebUtility.HtmlDecode(await arch.GetStringAsync("/desk/supervise"));
        var overdue = supervise[supervise.IndexOf("id=\"red-heading\"", StringComparison.Ordinal)..supervise.IndexOf("id=\"yellow-heading\"", StringComparison.Ordinal)];
        Assert.Contains($"<a href=\"/desk/tasks/{task}\">事后核查：", overdue, StringComparison.Ordinal);

        // The applicant: no card on the step approved on commitment, in the API or on the progress page.
        var step = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), CommitmentFlow.Archives);
        Assert.Equal("none", step.GetProperty("warning").GetString());
        using var citizen = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        Assert.Contains($"class=\"step-card step-none\" id=\"step-{CommitmentFlow.Archives}\"", await citizen.GetStringAsync($"/applications/{id}"), StringComparison.Ordinal);
    }

    [GeneratedRegex("<li class=\"desk-task[^\"]*\">.*?</li>", RegexOptions.Singleline)]
    private static partial Regex QueueRow();
}
