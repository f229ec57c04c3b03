using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The comprehensive window's staff (综合窗口受理人员) are a role of their own: they sign in like everyone else, but they
/// neither apply on their own account nor decide a department's task (separation of duties).
/// </summary>
[Trait("Category", "Integration")]
public sealed class WindowRoleTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task TheDemoWindowAccount_SignsInWithThePassword_AndIsWindowStaff()
    {
        using var anonymous = Host.Client();
        using var token = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "gsc-window", password = "Demo#2026" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        using var window = Host.Client("gsc-window");
        var account = System.Net.WebUtility.HtmlDecode(await window.GetStringAsync("/account"));
        Assert.Contains("综合窗口受理人员", account, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WindowStaff_MayNotApplyOnTheirOwnAccount()
    {
        using var window = Host.Client("gsc-window");
        using var submitted = await window.PostAsync("/api/applications", BusinessOpening.Multipart());
        Assert.Equal(HttpStatusCode.Forbidden, submitted.StatusCode);
        using var page = await window.GetAsync("/services/business-opening/apply");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task WindowStaff_MayNotOpenOrDecideAnyDepartmentsTasks()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        var task = await Host.TaskOfAsync(id);
        var taskId = task.GetProperty("id").GetString();

        using var window = Host.Client("gsc-window");
        Assert.Equal(HttpStatusCode.Forbidden, (await window.GetAsync("/api/departments/SAMR/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await window.GetAsync("/api/departments/GSC/tasks")).StatusCode);
        using var claim = await window.PostAsync($"/api/tasks/{taskId}/claim", null);
        Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await window.GetAsync("/desk")).StatusCode);
    }
}
