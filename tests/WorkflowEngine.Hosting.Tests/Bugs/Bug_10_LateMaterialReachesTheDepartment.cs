using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A material accepted late (容缺) that the applicant supplied after the steps were dispatched stayed with the engine:
/// the departments whose steps use it were never sent it, so their clerks' tasks still listed it as to come, with
/// nothing to download, and their decisions named no version of it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_LateMaterialReachesTheDepartment
{
    [Fact]
    public async Task AMaterialSuppliedAfterDispatch_ShowsOnTheClerksTask_DownloadsThere_AndTheDecisionNamesIt()
    {
        await using var host = await AllInOneHost.StartAsync(DeferredMaterialTests.Monday);
        using var citizen = host.Client("zhangsan");
        var id = await DeferredMaterialTests.SubmitWithoutArchivesListAsync(citizen);
        var task = (await host.TaskOfAsync(id, "ARCH", "arch-clerk")).GetProperty("id").GetString();
        using var clerk = host.Client("arch-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        var before = ArchivesList(await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}"));
        Assert.Equal("deferred", before.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("download").ValueKind);

        // Two hours later, well within its due time, the applicant uploads the list.
        host.Clock.Advance(TimeSpan.FromHours(2));
        await DeferredMaterialTests.UploadArchivesListAsync(citizen, id);

        // The clerk's task shows it, and the clerk downloads it from there.
        var shown = ArchivesList(await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}"),
            t => ArchivesList(t).GetProperty("status").GetString() == "received",
            "the list on the clerk's task"));
        Assert.Equal(1, shown.GetProperty("version").GetInt32());
        Assert.Equal("档案移交清单.pdf", shown.GetProperty("fileName").GetString());
        using var download = await clerk.GetAsync(shown.GetProperty("download").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(BusinessOpening.Pdf, await download.Content.ReadAsByteArrayAsync());

        // The decision is taken on that version, and the engine's trail says so.
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        var approved = await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == "archives-acceptance").ToArray(),
            lines => lines.Length == 1,
            "the archives decision in the trail");
        Assert.Equal(["completionReport@v1", "archivesList@v1"], approved[0].GetProperty("data").GetProperty("materials").GetString()!.Split(','));
    }

    private static JsonElement ArchivesList(JsonElement view) =>
        view.GetProperty("application").GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "archivesList");
}
