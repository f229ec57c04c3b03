using System.Net;
using System.Text.Json;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Calendar queries near year 9999 overflowed the date arithmetic: <c>/due</c> answered 500, and <c>/days</c> threw
/// while it was already writing, so the caller saw the connection drop mid-body. Dates outside the calendar's range are
/// a 400 now, and every answer is complete.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_CalendarQueriesStayInRange(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/api/calendars/cn-mainland/due?from=9999-12-30T10:00:00%2B08:00&workingDays=2", "from")]
    [InlineData("/api/calendars/cn-mainland/due?from=9999-12-30T10:00:00%2B08:00&workingHours=20", "from")]
    [InlineData("/api/calendars/cn-mainland/due?from=0001-01-01T00:00:00Z&workingDays=2", "from")]
    [InlineData("/api/calendars/cn-mainland/days?from=9999-01-01&to=9999-12-31", "from")]
    [InlineData("/api/calendars/cn-mainland/days?from=2199-12-01&to=9999-12-31", "to")]
    [InlineData("/api/calendars/cn-mainland/days?from=0001-01-01&to=0001-01-31", "from")]
    public async Task QueryOutsideTheCalendarsRange_Is400NamingTheParameter(string path, string parameter)
    {
        using var client = fixture.Host.Client();

        using var response = await client.GetAsync(path);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("2199", ProblemAssert.FieldError(problem, parameter));
    }

    [Fact]
    public async Task LastYearOfTheRange_IsAnsweredInFull()
    {
        using var client = fixture.Host.Client();

        using var response = await client.GetAsync("/api/calendars/cn-mainland/days?from=2199-01-01&to=2199-12-31");

        var days = await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(365, days.GetArrayLength());
        Assert.Equal("2199-12-31", days[364].GetProperty("date").GetString());
    }

    [Fact]
    public async Task LongestLimitFromTheLastDay_StaysInRange()
    {
        using var client = fixture.Host.Client();

        using var response = await client.GetAsync("/api/calendars/cn-mainland/due?from=2199-12-31T10:00:00%2B08:00&workingHours=87600");

        var due = await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.True(due.GetProperty("due").GetDateTimeOffset() > new DateTimeOffset(2199, 12, 31, 0, 0, 0, TimeSpan.FromHours(8)), due.GetRawText());
        Assert.Equal(JsonValueKind.String, due.GetProperty("limit").ValueKind);
    }
}
