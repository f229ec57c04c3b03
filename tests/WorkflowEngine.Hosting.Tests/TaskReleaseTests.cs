using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A clerk who took a task and cannot finish it (leave, a question for a colleague) gives it back to the department's
/// queue; a supervisor may give back anyone's. The engine follows: the applicant sees the step waiting again, and the
/// trail says who gave it back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TaskReleaseTests
{
    [Fact]
    public async Task ClaimedTask_IsReleasedByItsHolderOrASupervisor_AndAnotherClerkFinishesIt()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();
        using var first = host.Client("samr-clerk");
        using var second = host.Client("samr-clerk-2");
        using var supervisor = host.Client("samr-supervisor");

        // Nothing to give back before a claim.
        Assert.Equal(HttpStatusCode.Conflict, (await first.PostAsync($"/api/tasks/{task}/release", null)).StatusCode);
        (await first.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        // Another clerk may not give back a colleague's task.
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/tasks/{task}/release", null)).StatusCode);

        using var released = await first.PostAsync($"/api/tasks/{task}/release", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        var back = await released.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("open", JsonValueKind.Null), (back.GetProperty("status").GetString(), back.GetProperty("claimedBy").ValueKind));
        Assert.Single((await host.GetJsonAsync("samr-clerk-2", "/api/departments/SAMR/tasks?status=unclaimed")).EnumerateArray());

        // The engine follows: the step waits for a clerk again, and the trail says who gave it back.
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/applications/{id}"),
            a => Licence(a) is { } s && s.GetProperty("status").GetString() == "received" && s.GetProperty("claimedBy").ValueKind == JsonValueKind.Null,
            "the licence step to wait for a clerk again");
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("type").GetString() == "StepReleased" && e.GetProperty("actor").GetString() == "samr-clerk");

        // A colleague takes it; the supervisor gives it back for them; the colleague takes it again and decides.
        (await second.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        (await supervisor.PostAsync($"/api/tasks/{task}/release", null)).EnsureSuccessStatusCode();
        (await second.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        (await second.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();

        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/applications/{id}"), a => Licence(a)?.GetProperty("status").GetString() == "approved", "the licence step approved");
        Assert.Equal("samr-clerk-2", Licence(application)!.Value.GetProperty("claimedBy").GetString());
        // Once decided, there is nothing to give back.
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsync($"/api/tasks/{task}/release", null)).StatusCode);
    }

    private static JsonElement? Licence(JsonElement application) =>
        application.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("stepId").GetString() == "business-licence").Cast<JsonElement?>().FirstOrDefault();
}
