using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>The browser fixture on a department host serving SAMR and PSB instead of the all-in-one host.</summary>
public sealed class DepartmentHostBrowserFixture : BrowserFixture
{
    protected override Task<AllInOneHost> StartHostAsync() => AllInOneHost.StartDepartmentHostAsync("--Departments:Codes=SAMR,PSB");
}
