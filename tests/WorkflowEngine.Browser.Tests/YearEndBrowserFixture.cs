using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The browser fixture on an all-in-one host whose clock starts at Thursday 31 December 2026, 17:00 in Shanghai: half an
/// hour before the close of the year's last working day, so that what is submitted now falls due in 2027, a year with no
/// holiday arrangement loaded yet.
/// </summary>
public sealed class YearEndBrowserFixture : BrowserFixture
{
    public static readonly DateTimeOffset NewYearsEve = new(2026, 12, 31, 17, 0, 0, TimeSpan.FromHours(8));

    protected override Task<AllInOneHost> StartHostAsync() => AllInOneHost.StartAsync(NewYearsEve);
}
