using Microsoft.Extensions.Configuration;
using WorkflowEngine.Hosting.Configuration;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// <c>Departments:Codes</c> decides which department queues a process consumes. Read wrongly, a host would also take
/// the steps of a department served elsewhere (found when a host given <c>--Departments:Codes=SAMR,PSB</c> still
/// consumed <c>dept.BANK</c>, beside the bank's own system).
/// </summary>
public sealed class DepartmentsOptionsTests
{
    private static readonly string[] Known = ["SAMR", "PSB", "TAX", "BANK"];

    private static IReadOnlyList<string> Served(params (string Key, string Value)[] settings) =>
        DepartmentsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build())
            .Resolve(Known);

    [Fact]
    public void OneValueSeparatedByCommas_AsOnACommandLine_ServesExactlyThose() =>
        Assert.Equal(["SAMR", "PSB"], Served(("Departments:Codes", "SAMR, PSB")));

    [Fact]
    public void AList_ServesExactlyThose() =>
        Assert.Equal(["TAX", "BANK"], Served(("Departments:Codes:0", "TAX"), ("Departments:Codes:1", "BANK")));

    [Fact]
    public void NothingOrAStar_ServesEveryDepartment()
    {
        Assert.Equal(Known, Served());
        Assert.Equal(Known, Served(("Departments:Codes", "*")));
    }

    [Fact]
    public void AnUnknownCode_StopsTheHostNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Served(("Departments:Codes", "SAMR,BNAK")));
        Assert.Contains("BNAK", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SAMR,", error.Message.Split("known")[0], StringComparison.Ordinal);
    }
}
