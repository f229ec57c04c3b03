using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// When the applicant has supplied what a clerk asked for, the engine tells the department twice: the clock runs again
/// (StepDueChanged) and here are the new versions (StepSupplemented). Consumers run concurrently, so the first may
/// arrive alone. Before the fix, the task then showed its clock running and the clerk could decide — on the old
/// versions, which the decision recorded, while the applicant's corrections arrived to a finished task.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_NoDecisionOnTheOldVersions
{
    [Fact]
    public async Task TheClockRunningAgain_ArrivingBeforeTheNewVersions_DoesNotLetTheClerkDecideOnTheOldOnes()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new[] { new { material = "articles", reason = "章程缺页" } } })).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(() => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the request to pause the clock");

        // The engine's "clock runs again" overtakes its "here are the new versions".
        await host.AnnounceLicenceDueAsync(id, AllInOneHost.MondayMorning.AddHours(5));

        // Still waiting for the applicant's versions: no decision yet, and the clerk is told why.
        Assert.Equal("paused", (await TaskAsync(host, task)).GetProperty("clock").GetString());
        using var early = await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("补齐的材料送达后", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The versions come (with the due time): now the decision is taken, and on them.
        using var citizen = host.Client("zhangsan");
        var file = new ByteArrayContent("%PDF-1.4 complete articles\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var body = new MultipartFormDataContent { { file, "articles", "articles.pdf" } };
        (await citizen.PostAsync($"/api/applications/{id}/materials", body)).EnsureSuccessStatusCode();
        var running = await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "running", "the new versions and the running clock");
        Assert.NotEqual(JsonValueKind.Null, running.GetProperty("supplement").GetProperty("suppliedAt").ValueKind);
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        var approved = await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == "business-licence").ToArray(),
            lines => lines.Length == 1,
            "the decision in the trail");
        Assert.Contains("articles@v2", approved[0].GetProperty("data").GetProperty("materials").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> TaskAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task");
}
