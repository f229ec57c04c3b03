using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 告知承诺 on the shipped 联合验收 bundle, in the steps the tests need: submitted on Monday 2 March 2026, the archives
/// commitment signed at 09:30 (verification due at the close of 28 May), the other departments deciding that day.
/// </summary>
internal static class CommitmentFlow
{
    public const string Archives = "archives-acceptance";

    public static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>The applicant submits 联合验收 (no civil air defence) and the archives office holds its task.</summary>
    public static async Task<Guid> SubmitAsync(AllInOneHost host)
    {
        using var citizen = host.Client("zhangsan");
        var form = JointAcceptance.Form(civilAirDefence: false);
        form["completionDate"] = "2026-02-27";
        using var submitted = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(form));
        submitted.EnsureSuccessStatusCode();
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 1, "the archives task");
        return id;
    }

    /// <summary>The applicant signs the archives commitment half an hour later; returns when its verification is due.</summary>
    public static async Task<DateTimeOffset> SignAsync(AllInOneHost host, Guid id)
    {
        var sha = Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), Archives).GetProperty("commitment").GetProperty("textSha256").GetString();
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        using var citizen = host.Client("zhangsan");
        using var signed = await citizen.PostAsJsonAsync($"/api/applications/{id}/commitments", new { step = Archives, accept = true, textSha256 = sha });
        signed.EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 0, "the archives task to be recalled");
        return Step(await signed.Content.ReadFromJsonAsync<JsonElement>(), Archives).GetProperty("commitment").GetProperty("verifyAt").GetDateTimeOffset();
    }

    /// <summary>The other departments approve on the day the host started (2 March unless told); returns when the bundle has completed.</summary>
    public static async Task CompleteOtherStepsAsync(AllInOneHost host, Guid id, DateOnly? day = null)
    {
        var date = day ?? new DateOnly(2026, 3, 2);
        DateTimeOffset At(int hour, int minute) => new(date.ToDateTime(new TimeOnly(hour, minute)), Cst);
        await host.DecideOnlyTaskAsync("NRP", "nrp-clerk", At(10, 0));
        await host.DecideOnlyTaskAsync("HUD", "hud-clerk", At(10, 30));
        await host.DecideOnlyTaskAsync("QSS", "qss-clerk", At(11, 0));
        await host.DecideOnlyTaskAsync("REG", "reg-clerk", At(14, 0));
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "completed", "the bundle to complete");
    }

    /// <summary>The clock reaches <paramref name="verifyAt"/> and the verification task arrives at the archives office; returns its id.</summary>
    public static async Task<string> VerificationTaskAsync(AllInOneHost host, DateTimeOffset verifyAt)
    {
        host.Clock.Advance(verifyAt - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        var queue = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 1, "the verification task");
        return queue[0].GetProperty("id").GetString()!;
    }

    /// <summary>
    /// The whole way to a verification task: submitted, the archives commitment signed, the other departments deciding,
    /// the verification come due; returns the application and the archives office's task.
    /// </summary>
    public static async Task<(Guid Id, string Task)> VerificationOutAsync(AllInOneHost host)
    {
        var id = await SubmitAsync(host);
        var verifyAt = await SignAsync(host, id);
        await CompleteOtherStepsAsync(host, id);
        return (id, await VerificationTaskAsync(host, verifyAt));
    }

    /// <summary>The archives clerk claims the verification task and finds the commitment was not kept; returns when the approval is revoked.</summary>
    public static async Task FailVerificationAsync(AllInOneHost host, Guid id, string task)
    {
        using var clerk = host.Client("arch-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "rejected", reason = "逾期未向城建档案馆移交工程档案" })).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => Step(a, Archives).GetProperty("status").GetString() == "revoked", "the revocation");
    }

    public static JsonElement Step(JsonElement application, string id) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == id);
}
