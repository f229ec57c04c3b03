using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The browser fixture on an all-in-one host with work completed in two months before any test looks: three 企业开办
/// decided to the end, on 2 March 2026 (the bank late), 3 March (all on time) and 1 April (the bank late), seven decided
/// steps each; the clock left on 1 April.
/// </summary>
public sealed class TwoMonthsBrowserFixture : BrowserFixture
{
    protected override async Task<AllInOneHost> StartHostAsync()
    {
        var host = await base.StartHostAsync();
        await host.FinishBusinessOpeningAsync();
        await host.FinishBusinessOpeningAsync(new DateOnly(2026, 3, 3), bankAt: new TimeOnly(11, 0));
        await host.FinishBusinessOpeningAsync(new DateOnly(2026, 4, 1));
        return host;
    }
}
