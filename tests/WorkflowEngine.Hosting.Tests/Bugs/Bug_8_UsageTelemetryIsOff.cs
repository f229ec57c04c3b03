using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// MassTransit sends a usage report to its vendor's address after the bus starts unless told not to. A government
/// deployment may call no outside address, so it is switched off where the bus is configured.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_UsageTelemetryIsOff(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public void BusUsageTelemetry_IsDisabled()
    {
        var telemetry = fixture.Host.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value;

        Assert.False(telemetry.Enabled);
    }
}
