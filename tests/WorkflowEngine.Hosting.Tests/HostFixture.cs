using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>One all-in-one host shared by the tests of a class, where each test leaves the others' data alone.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public AllInOneHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await AllInOneHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
