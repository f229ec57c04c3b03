using Microsoft.Extensions.Configuration;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Testing;
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

    /// <summary>
    /// An engine host carries none of the department side, so it cannot serve a department's queue: given departments, it
    /// stops at start and says which hosts serve them, rather than leave their queues unread.
    /// </summary>
    [Theory]
    [InlineData("--Departments:Codes=SAMR,PSB")]
    [InlineData("--Departments:Codes:0=SAMR")]
    public void AnEngineHostGivenDepartments_StopsAtStart_NamingTheHostsThatServeThem(string setting)
    {
        var directory = Directory.CreateTempSubdirectory("workflow-engine-codes-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => WorkflowApp.Build(HostRole.Engine, [.. AllInOneHost.HostArgs(directory), setting]));

            Assert.Contains("Departments:Codes", error.Message, StringComparison.Ordinal);
            Assert.Contains("WorkflowEngine.DepartmentHost", error.Message, StringComparison.Ordinal);
            Assert.Contains("WorkflowEngine.AllInOne", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
