using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>One department host serving SAMR and PSB (Development: the demo users), shared by the tests of a class.</summary>
public sealed class DepartmentHostFixture : IAsyncLifetime
{
    public AllInOneHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await AllInOneHost.StartDepartmentHostAsync("--Departments:Codes=SAMR,PSB");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
