using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowEngine.Calendars;
using WorkflowEngine.Contracts;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Compliance reporting, both sides: the department side counts the working minutes its step's clock ran and stood
/// still on the step's calendar, as the engine does, and reports them with its decision. The engine compares them with
/// its own count; a host whose calendar is wrong is listed as a disagreement. A department host gets the calendar from
/// the engine host's API.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DepartmentWorkingTimeTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Thursday 2 April 2026, 09:00: 清明节 is Saturday 4 to Monday 6 April.</summary>
    private static readonly DateTimeOffset BeforeQingming = new(2026, 4, 2, 9, 0, 0, Cst);

    private const string April = "from=2026-04&to=2026-04";

    /// <summary>
    /// The licence step is dispatched Thursday 09:00, claimed, and the articles are asked for at 09:30; the applicant
    /// supplies them Friday 10:00, and the clerk decides Tuesday 09:45, after the weekend and 清明节. The clock ran
    /// Thursday 09:00–09:30, Friday 10:00–17:30 and Tuesday 09:00–09:45 (office 09:00–12:00, 13:30–17:30): 30 + 360 + 45
    /// minutes; it stood still Thursday 09:30–17:30 and Friday 09:00–10:00: 390 + 60 minutes.
    /// </summary>
    private static async Task<(Guid Application, StepCompleted Report)> DecideAcrossQingmingAsync(AllInOneHost host)
    {
        var reports = new ReportsSeen();
        using var observing = host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(reports);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await SupplementTests.AskForArticlesAsync(host);
        await AllInOneHost.EventuallyAsync(() => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the task to stand still");

        host.Clock.Advance(new DateTimeOffset(2026, 4, 3, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        using (var citizen = host.Client("zhangsan"))
        {
            (await SupplementTests.UploadAsync(citizen, id, "articles", "%PDF-1.4 corrected articles\n")).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => SupplementTests.TaskAsync(host, task),
            t => t.GetProperty("clock").GetString() == "running" && t.GetProperty("supplement").GetProperty("suppliedAt").ValueKind != JsonValueKind.Null,
            "the task to run again on the supplied articles");

        host.Clock.Advance(new DateTimeOffset(2026, 4, 7, 9, 45, 0, Cst) - host.Clock.GetUtcNow());
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        var report = await AllInOneHost.EventuallyAsync(
            () => Task.FromResult(reports.Completed.FirstOrDefault(r => r.ApplicationId == id && r.StepId == "business-licence")),
            r => r is not null,
            "the licence decision at the engine");
        await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
                .Count(e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == "business-licence"),
            n => n == 1,
            "the licence decision in the trail");
        return (id, report!);
    }

    [Fact]
    public async Task TheDepartmentsWorkingMinutes_AcrossAHolidayWeekendAndASupplement_AgreeWithTheEngine()
    {
        await using var host = await AllInOneHost.StartAsync(BeforeQingming);

        var (id, report) = await DecideAcrossQingmingAsync(host);

        Assert.Equal((30 + 360 + 45, 390 + 60), (report.Compliance!.WorkingMinutesUsed, report.Compliance.WorkingMinutesPaused));
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.DoesNotContain(trail.EnumerateArray(), e => e.GetProperty("type").GetString() == "ComplianceMismatch");
        Assert.Equal(0, (await host.GetJsonAsync("admin", $"/api/compliance/mismatches?{April}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AHostCountingOnACalendarWithoutTheHoliday_IsListedAsWorkingTimeDiffers()
    {
        // The host's calendar has no 2026 arrangement: Monday 6 April (清明节) counts as a working day there.
        await using var host = await AllInOneHost.StartAsync(BeforeQingming, builder => builder.Services.AddSingleton<IStepCalendars>(sp =>
            new FixedCalendars(WithoutYear(sp.GetRequiredService<ReferenceData>().Calendar("cn-mainland"), 2026))));

        var (id, report) = await DecideAcrossQingmingAsync(host);

        Assert.Equal(30 + 360 + 420 + 45, report.Compliance!.WorkingMinutesUsed);
        var list = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/compliance/mismatches?{April}"), l => l.GetProperty("total").GetInt32() == 1, "the disagreement listed");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("applicationId").GetGuid());
        Assert.Equal(["working-time-differs"], item.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal((30 + 360 + 420 + 45, 30 + 360 + 45), (item.GetProperty("host").GetProperty("workingMinutesUsed").GetInt32(),
            item.GetProperty("engine").GetProperty("workingMinutesUsed").GetInt32()));
    }

    [Fact]
    public async Task AHostWithoutTheCalendar_StillDecides_AndLeavesTheMinutesOut()
    {
        await using var host = await AllInOneHost.StartAsync(BeforeQingming, builder => builder.Services.AddSingleton<IStepCalendars>(new FixedCalendars(null)));

        var (_, report) = await DecideAcrossQingmingAsync(host);

        Assert.Equal((null, null), (report.Compliance!.WorkingMinutesUsed, report.Compliance.WorkingMinutesPaused));
        Assert.Equal(0, (await host.GetJsonAsync("admin", $"/api/compliance/mismatches?{April}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ADepartmentHost_FetchesTheEnginesCalendar_AndFetchesItAgainWhenAStepNamesAYearLoadedSince()
    {
        await using var engine = await AllInOneHost.StartAsync(BeforeQingming);
        var own = engine.Services.GetRequiredService<ReferenceData>().Calendar("cn-mainland");
        using var http = new HttpClient { BaseAddress = engine.Address };
        using var copies = new EngineCalendars(http, engine.Clock, NullLogger<EngineCalendars>.Instance);

        Assert.Null(copies.Find("cn-mainland", own.Version, engine.Clock.GetUtcNow()));
        Assert.True(await copies.RefreshAsync(CancellationToken.None));
        var copy = copies.Find("cn-mainland", own.Version, engine.Clock.GetUtcNow());
        Assert.NotNull(copy);
        Assert.Equal(own.Version, copy.Version);
        var (from, to) = (BeforeQingming, new DateTimeOffset(2026, 4, 7, 9, 45, 0, Cst));
        Assert.Equal(own.WorkingTimeBetween(from, to), copy.WorkingTimeBetween(from, to));
        Assert.Equal(TimeSpan.FromMinutes(7 * 60 + 7 * 60 + 45), copy.WorkingTimeBetween(from, to));

        // The administrator loads 2027 at the engine; a step dispatched on it arrives afterwards. The copy from before
        // does not count for it until the host has fetched the calendar again.
        using (var admin = engine.Client("admin"))
        {
            (await admin.PostAsync("/api/calendars/cn-mainland/years", CalendarYearTests.Yaml(CalendarYearTests.Year2027))).EnsureSuccessStatusCode();
        }

        var loaded = engine.Services.GetRequiredService<ReferenceData>().Calendar("cn-mainland");
        Assert.NotEqual(own.Version, loaded.Version);
        engine.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(copies.Find("cn-mainland", loaded.Version, engine.Clock.GetUtcNow()));
        Assert.True(await copies.RefreshAsync(CancellationToken.None));
        var again = copies.Find("cn-mainland", loaded.Version, engine.Clock.GetUtcNow());
        Assert.Equal(loaded.Version, again?.Version);
        Assert.False(again!.IsWorkingDay(new DateOnly(2027, 2, 8)));
        // A step dispatched before the load counts on the newer copy too: it is what the engine counts on now.
        Assert.Same(again, copies.Find("cn-mainland", own.Version, engine.Clock.GetUtcNow().AddMinutes(-1)));
    }

    [Fact]
    public async Task ADepartmentHost_FetchesTheCalendarVersionAStepDueChangedNames_EvenWhenItsTaskIsAlreadyDecided()
    {
        // The department side counts on copies fetched from the engine's API, as a department host does.
        using var http = new HttpClient();
        await using var host = await AllInOneHost.StartAsync(configure: builder => builder.Services.AddSingleton<IStepCalendars>(sp =>
            new EngineCalendars(http, sp.GetRequiredService<TimeProvider>(), NullLogger<EngineCalendars>.Instance)));
        var id = await host.FinishBusinessOpeningAsync();
        var copies = (EngineCalendars)host.Services.GetRequiredService<IStepCalendars>();
        http.BaseAddress = host.Address;
        await copies.StartAsync(CancellationToken.None);
        var before = host.Services.GetRequiredService<ReferenceData>().Calendar("cn-mainland").Version;
        await AllInOneHost.EventuallyAsync(() => Task.FromResult(copies.Versions.GetValueOrDefault("cn-mainland")), v => v == before, "the copy fetched at start");

        using (var admin = host.Client("admin"))
        {
            (await admin.PostAsync("/api/calendars/cn-mainland/years", CalendarYearTests.Yaml(CalendarYearTests.Year2027))).EnsureSuccessStatusCode();
        }

        // The engine's news of the licence step, counted on the calendar with 2027, reaches the host after the clerk
        // decided it: the task takes nothing from it, but the host's other steps are to be counted on that calendar now.
        var after = host.Services.GetRequiredService<ReferenceData>().Calendar("cn-mainland").Version;
        host.Clock.Advance(EngineCalendars.RetryAfter);
        await host.AnnounceLicenceDueAsync(id, AllInOneHost.MondayMorning.AddHours(2), after);

        await AllInOneHost.EventuallyAsync(
            () => Task.FromResult(copies.Versions.GetValueOrDefault("cn-mainland")), v => v == after, "the calendar with 2027 fetched before the hourly refresh");
        await copies.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ADepartmentHost_ThatCannotReachTheEngine_HoldsNoCalendar_AndSaysSo()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9"), Timeout = TimeSpan.FromSeconds(5) };
        using var copies = new EngineCalendars(http, TimeProvider.System, NullLogger<EngineCalendars>.Instance);

        Assert.False(await copies.RefreshAsync(CancellationToken.None));
        Assert.Null(copies.Find("cn-mainland", null, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task AYearLoadedAtTheEngine_NamesTheNewCalendarVersionToTheDepartmentsHoldingMovedSteps()
    {
        // Joint acceptance on Monday 28 December 2026: its five-working-day steps run into 2027, not yet announced.
        var expected = new ConcurrentQueue<(string? Id, string? Version)>();
        await using var host = await AllInOneHost.StartAsync(new DateTimeOffset(2026, 12, 28, 9, 0, 0, Cst), builder => builder.Services.AddSingleton<IStepCalendars>(sp =>
            new RecordingCalendars(new InProcessCalendars(sp.GetRequiredService<ReferenceData>()), expected)));
        using (var citizen = host.Client("zhangsan"))
        {
            (await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(civilAirDefence: false))).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 1, "the archives task");
        var before = host.Services.GetRequiredService<ReferenceData>().Calendar("cn-mainland").Version;
        Assert.Contains(("cn-mainland", before), expected);

        using (var admin = host.Client("admin"))
        {
            (await admin.PostAsync("/api/calendars/cn-mainland/years", CalendarYearTests.Yaml(CalendarYearTests.Year2027))).EnsureSuccessStatusCode();
        }

        // 元旦 moves the steps' due times; their departments learn them counted on the calendar with 2027.
        var after = host.Services.GetRequiredService<ReferenceData>().Calendar("cn-mainland").Version;
        Assert.NotEqual(before, after);
        await AllInOneHost.EventuallyAsync(() => Task.FromResult(expected.Contains(("cn-mainland", after))), seen => seen, "the new version named to a department");
    }

    private static WorkingCalendar WithoutYear(WorkingCalendar calendar, int year) =>
        new(calendar.Data with { Years = [.. calendar.Data.Years.Where(y => y.Year != year)] });

    /// <summary>The in-process calendars, recording each calendar version the department side was told to expect.</summary>
    private sealed class RecordingCalendars(IStepCalendars inner, ConcurrentQueue<(string? Id, string? Version)> expected) : IStepCalendars
    {
        public WorkingCalendar? Find(string id, string? version, DateTimeOffset receivedAt) => inner.Find(id, version, receivedAt);

        public void Expect(string? id, string? version) => expected.Enqueue((id, version));
    }

    /// <summary>A department side holding one calendar whatever the step names, or none.</summary>
    private sealed class FixedCalendars(WorkingCalendar? calendar) : IStepCalendars
    {
        public WorkingCalendar? Find(string id, string? version, DateTimeOffset receivedAt) => calendar;

        public void Expect(string? id, string? version)
        {
        }
    }

    /// <summary>The decisions the engine consumes, as the department sent them.</summary>
    private sealed class ReportsSeen : IConsumeObserver
    {
        public ConcurrentQueue<StepCompleted> Completed { get; } = new();

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is StepCompleted completed)
            {
                Completed.Enqueue(completed);
            }

            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
