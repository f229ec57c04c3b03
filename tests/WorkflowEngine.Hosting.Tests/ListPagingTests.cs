using System.Net;
using System.Net.Http.Headers;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Every list of the API held to the page its client asked for, as the users list and the clerk's queue are: a limit
/// outside 1–500 or an offset below 0, or either not a whole number, is a 400 naming the field, in the request's
/// language, never a page other than the one asked for.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ListPagingTests(HostFixture allInOne, DepartmentHostFixture department)
    : IClassFixture<HostFixture>, IClassFixture<DepartmentHostFixture>
{
    /// <summary>Each list, with a user who may read it.</summary>
    public static TheoryData<string, string> Lists => new()
    {
        { "/api/admin/changes", "admin" },
        { "/api/admin/sign-ins", "admin" },
        { "/api/applications", "zhangsan" },
        { "/api/incidents", "admin" },
        { "/api/failed-messages", "admin" },
        { "/api/departments/SAMR/extensions", "samr-supervisor" },
        { "/api/departments/SAMR/notices", "samr-supervisor" },
        { "/api/departments/SAMR/supplement-approvals", "samr-supervisor" },
        { "/api/departments/SAMR/clock-extensions", "samr-supervisor" },
        { "/api/departments/SAMR/tasks", "samr-supervisor" },
    };

    private static readonly (string Query, string Field)[] OutOfRange =
    [
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=abc", "limit"),
        ("limit=2147483648", "limit"),
        ("limit=2.5", "limit"),
        ("offset=-3", "offset"),
        ("offset=x", "offset"),
        ("offset=99999999999", "offset"),
    ];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task AList_WithAPageOutOfRange_Is400NamingTheField(string path, string user)
    {
        using var client = allInOne.Host.Client(user);
        await AssertRefusesPagesOutOfRangeAsync(client, path);
    }

    [Fact]
    public async Task TheAccessLogOfADepartmentHost_WithAPageOutOfRange_Is400NamingTheField()
    {
        using var client = department.Host.Client("samr-supervisor");
        await AssertRefusesPagesOutOfRangeAsync(client, "/api/access-log");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task AList_AtTheEdgesOfThePage_AnswersIt(string path, string user)
    {
        using var client = allInOne.Host.Client(user);
        foreach (var query in new[] { "limit=1", "limit=500", "offset=0", "limit=&offset=", "limit=500&offset=2147483647" })
        {
            using var response = await client.GetAsync($"{path}?{query}");
            await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task APageOutOfRange_AndAFilterUnknown_AreNamedTogether_InEnglishWhenAsked()
    {
        using var client = allInOne.Host.Client("admin");
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        using var response = await client.GetAsync("/api/admin/changes?kind=application&limit=0&offset=-1");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "limit", "offset"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("limit must be a whole number from 1 to 500", ProblemAssert.FieldError(problem, "limit"));
        Assert.Equal("offset must be a whole number, 0 or more", ProblemAssert.FieldError(problem, "offset"));
    }

    [Theory]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task TheClerksQueue_RefusesAPageInTheSameWordsAsEveryOtherList(string query, string field)
    {
        using var client = allInOne.Host.Client("samr-supervisor");
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        using var queue = await client.GetAsync($"/api/departments/SAMR/tasks?{query}");
        using var notices = await client.GetAsync($"/api/departments/SAMR/notices?{query}");

        var queueError = ProblemAssert.FieldError(await ProblemAssert.IsAsync(queue, HttpStatusCode.BadRequest), field);
        Assert.Equal(ProblemAssert.FieldError(await ProblemAssert.IsAsync(notices, HttpStatusCode.BadRequest), field), queueError);
    }

    private static async Task AssertRefusesPagesOutOfRangeAsync(HttpClient client, string path)
    {
        foreach (var (query, field) in OutOfRange)
        {
            using var response = await client.GetAsync($"{path}?{query}");
            var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.StartsWith(field, ProblemAssert.FieldError(problem, field), StringComparison.Ordinal);
        }
    }
}
