using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Definitions;
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
        await AssertTheClerksQueueNamesSamrAsync(department, "市场监督管理局（综合窗口）");
        using var anyone = department.Client();
        var english = await anyone.GetFromJsonAsync<JsonElement>("/api/departments");
        Assert.Equal("Market Regulation (one window)", english.EnumerateArray().First(d => d.GetProperty("code").GetString() == "SAMR").GetProperty("nameEn").GetString());
    }

    /// <summary>
    /// Without <c>Departments:EngineUrl</c> a department host names its departments from its own
    /// <c>Definitions/departments.yaml</c>, which also says what <c>*</c> serves; it keeps none of the engine's reference data.
    /// </summary>
    [Fact]
    public async Task ADepartmentHostWithoutTheEngine_NamesItsDepartmentsFromItsOwnFile_AndHoldsNoReferenceData()
    {
        await using var department = await AllInOneHost.StartDepartmentHostAsync("--Departments:Codes=*");

        Assert.Null(department.Services.GetService<ReferenceData>());
        Assert.Equal("市场监督管理局", await SamrNameAsync(department));
        await AssertTheClerksQueueNamesSamrAsync(department, "市场监督管理局");
        using var anyone = department.Client();
        var root = await anyone.GetFromJsonAsync<JsonElement>("/");
        Assert.Contains("REG", root.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
    }

    /// <summary>The queue's heading and the header's sign-in status both name the clerk's department.</summary>
    private static async Task AssertTheClerksQueueNamesSamrAsync(AllInOneHost department, string name)
    {
        using var clerk = department.Client("samr-clerk");
        var queue = WebUtility.HtmlDecode(await clerk.GetStringAsync("/desk?department=SAMR"));
        Assert.Contains($"办件队列 · {name}<", queue);
        Assert.Contains($"窗口人员 · {name}<", queue);
    }

    private static async Task<string?> SamrNameAsync(AllInOneHost host)
    {
        using var anyone = host.Client();
        var departments = await anyone.GetFromJsonAsync<JsonElement>("/api/departments");
        return departments.EnumerateArray().First(d => d.GetProperty("code").GetString() == "SAMR").GetProperty("name").GetString();
    }
}
