using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A commitment signed on 23 December 2026 is verified sixty working days later, in March 2027, counted while 2027
/// was not yet announced. Loading 2027's holidays moves that date as it moves due times — also for a bundle already
/// completed — and the administrator sees it among what moved; the verification task comes on the new date.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_VerificationDateFollowsTheCalendar
{
    private static readonly DateTimeOffset December23 = new(2026, 12, 23, 9, 0, 0, CommitmentFlow.Cst);

    [Fact]
    public async Task LoadingNextYearsHolidays_MovesAPendingVerification_ListsIt_AndTheTaskComesOnTheNewDate()
    {
        await using var host = await AllInOneHost.StartAsync(December23);
        var id = await CommitmentFlow.SubmitAsync(host);
        var before = await CommitmentFlow.SignAsync(host, id);
        await CommitmentFlow.CompleteOtherStepsAsync(host, id, new DateOnly(2026, 12, 23));
        using var admin = host.Client("admin");

        using var preview = await admin.PostAsync("/api/calendars/cn-mainland/years?preview=true", CalendarYearTests.Yaml(CalendarYearTests.Year2027));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var moved = Assert.Single((await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray(),
            m => m.GetProperty("applicationId").GetGuid() == id && m.GetProperty("kind").GetString() == "verification");
        Assert.Equal(CommitmentFlow.Archives, moved.GetProperty("stepId").GetString());
        Assert.Equal(before, moved.GetProperty("before").GetDateTimeOffset());
        var after = moved.GetProperty("after").GetDateTimeOffset();
        Assert.True(after > before, $"{after} is not after {before}");

        using var loaded = await admin.PostAsync("/api/calendars/cn-mainland/years", CalendarYearTests.Yaml(CalendarYearTests.Year2027));
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);

        // Sixty working days from the signing on the calendar as it now stands.
        var signedAt = Uri.EscapeDataString(December23.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(after, (await host.GetJsonAsync("admin", $"/api/calendars/cn-mainland/due?from={signedAt}&workingDays=60")).GetProperty("due").GetDateTimeOffset());
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("completed", application.GetProperty("status").GetString());
        Assert.Equal(after, CommitmentFlow.Step(application, CommitmentFlow.Archives).GetProperty("commitment").GetProperty("verifyAt").GetDateTimeOffset());
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "commitment-verification-recounted");
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray();
        Assert.Single(audit, e => e.GetProperty("type").GetString() == "VerificationRecounted" && e.GetProperty("actor").GetString() == "admin");

        // Nothing on the old date; the task on the new one.
        host.Clock.Advance(before - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        Assert.Equal(0, (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open")).GetArrayLength());
        await CommitmentFlow.VerificationTaskAsync(host, after);
    }
}
