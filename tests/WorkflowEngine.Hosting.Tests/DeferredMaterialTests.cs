using System.Net.Http.Headers;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 容缺受理 over the real host: an application accepted without its archives list is reminded of it, the archives
/// department's step stands still once its due time passes (the clerk sees why), and the upload runs it again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeferredMaterialTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    internal static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, Cst);

    /// <summary>The citizen submits 联合验收 without the archives list (容缺); returns the application's id.</summary>
    internal static async Task<Guid> SubmitWithoutArchivesListAsync(HttpClient citizen)
    {
        using var submitted = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(civilAirDefence: false, "archivesList"));
        submitted.EnsureSuccessStatusCode();
        return (await JsonDocument.ParseAsync(await submitted.Content.ReadAsStreamAsync())).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The citizen uploads the archives list.</summary>
    internal static async Task UploadArchivesListAsync(HttpClient citizen, Guid id)
    {
        var file = new ByteArrayContent(BusinessOpening.Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var body = new MultipartFormDataContent { { file, "archivesList", "档案移交清单.pdf" } };
        (await citizen.PostAsync($"/api/applications/{id}/materials", body)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AMaterialAcceptedLate_IsRemindedOf_HoldsUpItsStepWhenOverdue_AndItsUploadRunsItAgain()
    {
        await using var host = await AllInOneHost.StartAsync(Monday);
        using var citizen = host.Client("zhangsan");
        var id = await SubmitWithoutArchivesListAsync(citizen);
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "in-progress", "acceptance without the archives list");
        var dueBy = application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "archivesList").GetProperty("dueBy").GetDateTimeOffset();

        // A working day before (Friday's close for Monday's), the applicant is reminded.
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 17, 30, 0, Cst), dueBy);
        host.Clock.Advance(new DateTimeOffset(2026, 11, 13, 17, 30, 0, Cst) - host.Clock.GetUtcNow());
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("notifications").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == "deferred-material-reminder"),
            "the reminder");

        // At the due time the archives step stands still, and its clerk sees why.
        host.Clock.Advance(dueBy - host.Clock.GetUtcNow());
        application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => Step(a, "archives-acceptance").GetProperty("clock").GetString() == "paused",
            "the archives step to stand still");
        var kinds = application.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("kind").GetString()).ToArray();
        Assert.Contains("deferred-material-reminder", kinds);
        Assert.Contains("deferred-material-overdue", kinds);
        Assert.Equal("running", Step(application, "fire-acceptance").GetProperty("clock").GetString());
        Assert.Equal("overdue", application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "archivesList").GetProperty("status").GetString());
        var task = (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks"))[0].GetProperty("id").GetString();
        var held = await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("task"),
            t => t.GetProperty("clock").GetString() == "paused",
            "the clerk's task to stand still");
        Assert.Contains("工程档案移交清单", held.GetProperty("pausedBecause").GetString(), StringComparison.Ordinal);

        // The list comes: the step runs again, here and at the department.
        host.Clock.Advance(TimeSpan.FromHours(2));
        await UploadArchivesListAsync(citizen, id);
        Assert.Equal("running", Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), "archives-acceptance").GetProperty("clock").GetString());
        await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("task"),
            t => t.GetProperty("clock").GetString() == "running",
            "the clerk's task to run again");
    }

    private static JsonElement Step(JsonElement application, string id) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == id);
}
