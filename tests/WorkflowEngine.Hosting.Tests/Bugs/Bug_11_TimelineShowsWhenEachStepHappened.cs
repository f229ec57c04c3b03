using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The progress page's timeline gave each step a status and a due time, but no times: an applicant could not see when
/// the department received the step, when a clerk took it up, when it was decided. Each step now lists the times the
/// engine recorded (sent, received, taken up, decided), and leaves out those it did not record.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_TimelineShowsWhenEachStepHappened
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ProgressPage_ShowsWhenEachStepWasSentReceivedTakenUpAndDecided_AndNoTimeNotRecorded()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => Step(a, "business-licence").GetProperty("status").GetString() == "approved" && Step(a, "seal-engraving").GetProperty("status").GetString() != "pending",
            "the licence approved and the seal engraving sent");

        var licence = Step(application, "business-licence");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 15, 0, Cst), licence.GetProperty("claimedAt").GetDateTimeOffset());
        var received = licence.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.True(received <= new DateTimeOffset(2026, 3, 2, 9, 15, 0, Cst), "received before it was taken up");
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}"));

        var times = TimesOf(page, "business-licence");
        Assert.Contains("2026-03-02 09:00 送达部门", times, StringComparison.Ordinal);
        Assert.Contains($"{received.ToOffset(Cst):yyyy-MM-dd HH:mm} 部门接收", times, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 09:15 开始审查", times, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 09:45 作出决定", times, StringComparison.Ordinal);
        // The seal engraving is sent but nobody has taken it up: no time for that, none invented.
        var seal = TimesOf(page, "seal-engraving");
        Assert.Contains("2026-03-02 09:45 送达部门", seal, StringComparison.Ordinal);
        Assert.DoesNotContain("开始审查", seal, StringComparison.Ordinal);
        Assert.DoesNotContain("作出决定", seal, StringComparison.Ordinal);

        var english = TimesOf(await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, $"/applications/{id}"), "business-licence");
        Assert.Contains("2026-03-02 09:15 taken up by a clerk", english, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 09:45 decided", english, StringComparison.Ordinal);
    }

    private static JsonElement Step(JsonElement application, string stepId) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == stepId);

    /// <summary>A step's list of times on the progress page.</summary>
    private static string TimesOf(string page, string stepId)
    {
        var card = page.IndexOf($"id=\"step-{stepId}\"", StringComparison.Ordinal);
        Assert.True(card >= 0, $"the step {stepId}");
        var next = page.IndexOf("<li class=\"step-card", card, StringComparison.Ordinal);
        var start = page.IndexOf("<ol class=\"step-times\"", card, StringComparison.Ordinal);
        Assert.True(start >= 0 && (next < 0 || start < next), $"the times of {stepId}, on its own card");
        var end = page.IndexOf("</ol>", start, StringComparison.Ordinal);
        return page[start..end];
    }
}
