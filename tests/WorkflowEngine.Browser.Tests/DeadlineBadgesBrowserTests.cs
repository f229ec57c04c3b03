using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// Yellow and red cards (红黄牌) in a real browser as the host's test clock moves: on the clerk's queue, on the
/// applicant's timeline and on the supervisor's list. The only test of its class, since it moves the host's clock.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DeadlineBadgesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task TheLicenceStep_ShowsYellowAtThreeQuartersOfItsLimit_AndRedWhenDue_OnTheQueueTheTimelineAndTheSupervisorsList()
    {
        // Monday 2 March 2026, 09:00: the licence has two working hours, due at 11:00, yellow from 10:30.
        var host = fixture.Host;
        var id = await host.SubmitBusinessOpeningAsync();
        var tracking = (await host.TaskOfAsync(id)).GetProperty("trackingNumber").GetString()!;
        var queue = await fixture.SignedInAsync("samr-clerk", "/desk");
        var timeline = await fixture.SignedInAsync("zhangsan", $"/applications/{id}");
        var supervisor = await fixture.SignedInAsync("samr-supervisor", "/desk/supervise");
        var card = queue.Locator(".desk-task", new() { HasText = tracking });
        var step = timeline.Locator("#step-business-licence");
        await Assertions.Expect(card.Locator(".desk-badge-yellow, .desk-badge-red")).ToHaveCountAsync(0);
        await Assertions.Expect(step.Locator(".badge-yellow, .badge-red")).ToHaveCountAsync(0);
        await Assertions.Expect(supervisor.Locator("#yellow-heading")).ToContainTextAsync("（0）");

        // The engine's timer gives the card and tells the department, whose pages show it once told.
        await MoveTheClockToAsync(10, 30);
        await BrowserFixture.ReloadUntilAsync(queue, card.Locator(".desk-badge-yellow"), "the yellow card on the queue");
        await BrowserFixture.ReloadUntilAsync(supervisor, supervisor.Locator("section[aria-labelledby='yellow-heading']", new() { HasText = tracking }), "the yellow card on the supervisor's list");
        await timeline.ReloadAsync();

        await Assertions.Expect(card.Locator(".desk-badge-yellow")).ToHaveTextAsync("黄牌：临近期限");
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("desk-card-yellow"));
        await Assertions.Expect(step.Locator(".badge-yellow")).ToHaveTextAsync("黄牌预警：时限将到");
        await Assertions.Expect(supervisor.Locator("section[aria-labelledby='yellow-heading']")).ToContainTextAsync(tracking);
        await Assertions.Expect(supervisor.Locator("section[aria-labelledby='red-heading']")).Not.ToContainTextAsync(tracking);
        await PageChecks.AssertUsableAsync(queue, "desk-queue-yellow");

        await MoveTheClockToAsync(11, 0);
        await BrowserFixture.ReloadUntilAsync(queue, card.Locator(".desk-badge-red"), "the red card on the queue");
        await BrowserFixture.ReloadUntilAsync(supervisor, supervisor.Locator("section[aria-labelledby='red-heading']", new() { HasText = tracking }), "the red card on the supervisor's list");
        await timeline.ReloadAsync();

        await Assertions.Expect(card.Locator(".desk-badge-red")).ToHaveTextAsync("红牌：已超期");
        await Assertions.Expect(card.Locator(".desk-badge-yellow")).ToHaveCountAsync(0);
        await Assertions.Expect(step.Locator(".badge-red")).ToHaveTextAsync("红牌：已超过时限");
        await Assertions.Expect(supervisor.Locator("section[aria-labelledby='red-heading']")).ToContainTextAsync(tracking);
        // Red against the promised 2 hours only: the statutory 3 working days are far from used.
        await Assertions.Expect(supervisor.Locator("section[aria-labelledby='red-heading'] li[data-limit='promised']", new() { HasText = tracking }))
            .ToContainTextAsync("承诺时限红牌：已于 2026-03-02 11:00 到期");
        await Assertions.Expect(supervisor.Locator("section[aria-labelledby='red-heading'] li[data-limit='statutory']")).ToHaveCountAsync(0);
        await Assertions.Expect(supervisor.Locator("section[aria-labelledby='yellow-heading']")).Not.ToContainTextAsync(tracking);
        await PageChecks.AssertUsableAsync(timeline, "application-red");
        await PageChecks.AssertUsableAsync(supervisor, "desk-supervise");

        async Task MoveTheClockToAsync(int hour, int minute)
        {
            host.Clock.Advance(new DateTimeOffset(2026, 3, 2, hour, minute, 0, Cst) - host.Clock.GetUtcNow());
            await host.FireDueTimersAsync();
        }
    }
}
