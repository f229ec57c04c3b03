using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Two engine processes on one PostgreSQL database: a department an administrator renames on one shows its new name on
/// the other within <c>Engine:DepartmentFollowInterval</c>, not only after a restart.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DepartmentRenameAcrossProcessesTests
{
    private static readonly string[] FollowEveryFiveSeconds = ["--Engine:DepartmentFollowInterval=00:00:05"];

    [PostgresFact]
    public async Task ADepartmentRenamedOnOneProcess_ShowsItsNewNameOnTheOther_WithinTheFollowInterval()
    {
        await using var databases = new PostgresDatabases();
        var connectionString = await databases.CreateAsync("rename");
        string[] args = ["--Database:Provider=postgresql", $"--Database:ConnectionString={connectionString}", .. FollowEveryFiveSeconds];
        await using var first = await AllInOneHost.StartAsync(extraArgs: args);
        await using var second = await AllInOneHost.StartAsync(extraArgs: args);
        var before = await SamrNameAsync(second);

        using (var admin = first.Client("admin"))
        {
            using var edited = await admin.PatchAsJsonAsync("/api/admin/departments/SAMR", new { nameZh = "市场监督管理局（综合窗口）", nameEn = "Market Regulation (one window)" });
            edited.EnsureSuccessStatusCode();
        }

        Assert.Equal("市场监督管理局（综合窗口）", await SamrNameAsync(first));
        Assert.Equal(before, await SamrNameAsync(second));
        second.Clock.Advance(TimeSpan.FromSeconds(5));
        await AllInOneHost.EventuallyAsync(() => SamrNameAsync(second), name => name == "市场监督管理局（综合窗口）", "the other process to show the new name");
    }

    /// <summary>The name the one-time notice of 企业开办 gives the business-licence step's department.</summary>
    private static async Task<string?> SamrNameAsync(AllInOneHost host)
    {
        var notice = await host.GetJsonAsync("zhangsan", "/api/services/business-opening");
        return notice.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("department").GetString() == "SAMR").GetProperty("departmentName").GetString();
    }
}
