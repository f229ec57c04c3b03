using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A department host, a process with a database of its own, shows a department an administrator renamed at the engine
/// host within <c>Engine:DepartmentFollowInterval</c>, on its API and its clerks' pages, not only after a restart.
/// </summary>
public sealed class DepartmentHostRenameTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ADepartmentRenamedAtTheEngine_ShowsItsNewNameOnTheDepartmentHost_WithinTheFollowInterval()
    {
        await using var engine = await AllInOneHost.StartAsync();
        await using var department = await AllInOneHost.StartDepartmentHostAsync("--Departments:Codes=SAMR,PSB", $"--Departments:EngineUrl={engine.Address}");
        Assert.Equal("市场监督管理局", await SamrNameAsync(department));

        using (var admin = engine.Client("admin"))
        {
            using var edited = await admin.PatchAsJsonAsync("/api/admin/departments/SAMR", new { nameZh = "市场监督管理局（综合窗口）", nameEn = "Market Regulation (one window)" });
            edited.EnsureSuccessStatusCode();
        }

        // Each look moves the host's clock on by one interval: the rename arrives on the first beat after it.
        await AllInOneHost.EventuallyAsync(
            () =>
            {
                department.Clock.Advance(Interval);
                return SamrNameAsync(department);
            },
            name => name == "市场监督管理局（综合窗口）",
            "the department host to show the new name");
        using var clerk = department.Client("samr-clerk");
        Assert.Contains("办件队列 · 市场监督管理局（综合窗口）", WebUtility.HtmlDecode(await clerk.GetStringAsync("/desk?department=SAMR")));
        using var anyone = department.Client();
        var english = await anyone.GetFromJsonAsync<JsonElement>("/api/departments");
        Assert.Equal("Market Regulation (one window)", english.EnumerateArray().First(d => d.GetProperty("code").GetString() == "SAMR").GetProperty("nameEn").GetString());
    }

    private static async Task<string?> SamrNameAsync(AllInOneHost host)
    {
        using var anyone = host.Client();
        var departments = await anyone.GetFromJsonAsync<JsonElement>("/api/departments");
        return departments.EnumerateArray().First(d => d.GetProperty("code").GetString() == "SAMR").GetProperty("name").GetString();
    }
}
