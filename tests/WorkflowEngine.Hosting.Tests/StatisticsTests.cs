using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// <c>GET /api/statistics/compliance</c>: the on-time rates an administrator publishes, after one 企业开办 whose bank
/// account step finished late (<see cref="AllInOneHost.FinishBusinessOpeningAsync"/>), over the all-in-one host.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StatisticsTests
{
    [Fact]
    public async Task AfterOneBundleWithALateStep_TheAdministratorSeesEachDepartmentsRate_AndTheBundleOnTime()
    {
        await using var host = await FinishedBundleAsync();

        var report = await host.GetJsonAsync("admin", "/api/statistics/compliance?from=2026-03&to=2026-03&by=department,month");

        Assert.Equal(["department", "month"], report.GetProperty("by").EnumerateArray().Select(b => b.GetString()));
        var samr = Row(report, "SAMR");
        Assert.Equal(("2026-03", 1, 1, 0, 1.0), (samr.GetProperty("month").GetString(), samr.GetProperty("decided").GetInt32(),
            samr.GetProperty("onTime").GetInt32(), samr.GetProperty("late").GetInt32(), samr.GetProperty("onTimeRate").GetDouble()));
        // The licence: received at 09:00, decided at 10:00.
        Assert.Equal(1.0, samr.GetProperty("averageWorkingHours").GetDouble());
        Assert.False(string.IsNullOrEmpty(samr.GetProperty("departmentName").GetString()));
        var bank = Row(report, "BANK");
        Assert.Equal((1, 0, 1, 0.0), (bank.GetProperty("decided").GetInt32(), bank.GetProperty("onTime").GetInt32(),
            bank.GetProperty("late").GetInt32(), bank.GetProperty("onTimeRate").GetDouble()));

        var bundle = Assert.Single(report.GetProperty("bundles").EnumerateArray());
        Assert.Equal((1, 1, 1, 1.0), (bundle.GetProperty("finished").GetInt32(), bundle.GetProperty("onTime").GetInt32(),
            bundle.GetProperty("withinStatutory").GetInt32(), bundle.GetProperty("onTimeRate").GetDouble()));
        Assert.Empty(report.GetProperty("open").EnumerateArray());

        // Another month has nothing.
        var april = await host.GetJsonAsync("admin", "/api/statistics/compliance?from=2026-04&to=2026-04");
        Assert.Empty(april.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task ASupervisorSeesTheDepartmentsOwnSteps_AClerkAndAnApplicantNothing()
    {
        await using var host = await FinishedBundleAsync();

        var report = await host.GetJsonAsync("samr-supervisor", "/api/statistics/compliance?from=2026-03&to=2026-03&by=department,service");

        var row = Assert.Single(report.GetProperty("steps").EnumerateArray());
        Assert.Equal(("SAMR", "business-opening", "企业开办"), (row.GetProperty("department").GetString(), row.GetProperty("serviceId").GetString(),
            row.GetProperty("serviceTitle").GetString()));
        Assert.Empty(report.GetProperty("bundles").EnumerateArray());
        foreach (var user in new[] { "samr-clerk", "zhangsan" })
        {
            using var client = host.Client(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/statistics/compliance")).StatusCode);
        }
    }

    [Fact]
    public async Task TheCsvExport_OpensInExcelWithChineseHeadings()
    {
        await using var host = await FinishedBundleAsync();
        using var admin = host.Client("admin");

        using var response = await admin.GetAsync("/api/statistics/compliance?from=2026-03&to=2026-03&by=department&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("compliance-steps-2026-03-2026-03.csv", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("部门,部门名称,事项,事项名称,月份,办结环节数", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("BANK,", StringComparison.Ordinal) && l.Contains(",1,1,0,0,1,0,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("from=２０２６-03", "from")]
    [InlineData("from=2026-3", "from")]
    [InlineData("from=2026-13", "from")]
    [InlineData("to=99999-01", "to")]
    [InlineData("from=2026-05&to=2026-03", "to")]
    [InlineData("from=2020-01&to=2026-12", "to")]
    [InlineData("by=year", "by")]
    [InlineData("by=department,,%E2%80%AEmonth", "by")]
    [InlineData("format=xlsx", "format")]
    [InlineData("format=csv&table=audit", "table")]
    public async Task AMalformedQuery_IsRefusedWithItsField(string query, string field)
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using var admin = host.Client("admin");

        using var response = await admin.GetAsync("/api/statistics/compliance?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    private static async Task<AllInOneHost> FinishedBundleAsync()
    {
        var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await host.FinishBusinessOpeningAsync();
        return host;
    }

    private static JsonElement Row(JsonElement report, string department) =>
        report.GetProperty("steps").EnumerateArray().Single(r => r.GetProperty("department").GetString() == department);
}
