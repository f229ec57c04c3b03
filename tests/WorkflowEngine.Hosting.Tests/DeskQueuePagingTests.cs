using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A department's queue, on the page and in the API, a page at a time over the whole queue: its total, its next and
/// previous pages, its filters applied before the page is cut, open tasks most urgent first and decided ones newest
/// first, and paging parameters out of range refused with their field named.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class DeskQueuePagingTests : IAsyncLifetime
{
    private const int Decided = 70, OpenTasks = 60;

    private AllInOneHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await AllInOneHost.StartAsync();
        var now = _host.Clock.GetUtcNow();
        var store = new SqlDepartmentStore(_host.Services.GetRequiredService<Database>());
        var tasks = new List<TaskRecord>();
        for (var i = 0; i < Decided; i++)
        {
            // Decided in the order they fell due: oldest due is oldest decided, so a queue by due time hides the recent ones.
            tasks.Add(NewTask($"decided-{i:D3}", now.AddDays(-100 + i), TaskStatuses.Completed, "business-opening", completedAt: now.AddDays(-99 + i)));
        }

        for (var i = 0; i < OpenTasks; i++)
        {
            tasks.Add(NewTask($"open-{i:D3}", now.AddDays(1 + i), TaskStatuses.Open, i % 3 == 0 ? "construction" : "business-opening"));
        }

        var insert = new DepartmentChanges();
        insert.Inserted.AddRange(tasks);
        await store.SaveAsync(insert, now, CancellationToken.None);
        // The last task to fall due has turned red (its limit was shorter than its due time shows): it comes first.
        var red = tasks[^1];
        red.Warning = "red";
        var cards = new DepartmentChanges();
        cards.Updated.Add((red, TaskStatuses.Open, 0));
        await store.SaveAsync(cards, now, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheApi_PagesTheDecidedTasksNewestFirst_WithTheTotalAndTheNextPage()
    {
        using var client = _host.Client("samr-clerk");

        using var first = await client.GetAsync("/api/departments/SAMR/tasks?status=completed&limit=50");
        var firstPage = await ProblemAssert.JsonAsync(first, HttpStatusCode.OK);
        var next = NextLink().Match(first.Headers.GetValues("Link").Single()).Groups[1].Value;
        using var second = await client.GetAsync(next);
        var secondPage = await ProblemAssert.JsonAsync(second, HttpStatusCode.OK);

        Assert.Equal($"{Decided}", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal($"decided-{Decided - 1:D3}", firstPage[0].GetProperty("title").GetString());
        Assert.Equal(50, firstPage.GetArrayLength());
        Assert.Contains("status=completed", next, StringComparison.Ordinal);
        Assert.Equal((Decided - 50, "decided-000"), (secondPage.GetArrayLength(), secondPage[Decided - 51].GetProperty("title").GetString()));
        Assert.Contains("rel=\"prev\"", second.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApi_FiltersByServiceAndDueWithin_BeforeThePageIsCut()
    {
        using var client = _host.Client("samr-clerk");

        using var construction = await client.GetAsync("/api/departments/SAMR/tasks?service=construction&limit=5");
        using var dueSoon = await client.GetAsync("/api/departments/SAMR/tasks?dueWithin=3&limit=50");
        var constructionPage = await ProblemAssert.JsonAsync(construction, HttpStatusCode.OK);
        var dueSoonPage = await ProblemAssert.JsonAsync(dueSoon, HttpStatusCode.OK);

        Assert.Equal($"{OpenTasks / 3}", construction.Headers.GetValues("X-Total-Count").Single());
        Assert.All(constructionPage.EnumerateArray(), t => Assert.Equal("construction", t.GetProperty("serviceId").GetString()));
        var soon = int.Parse(dueSoon.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(soon, 1, 5);
        Assert.Equal(soon, dueSoonPage.GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=-3", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("dueWithin=-1", "dueWithin")]
    [InlineData("dueWithin=100000", "dueWithin")]
    [InlineData("status=everything", "status")]
    public async Task TheApi_RefusesPagingAndFiltersOutOfRange_NamingTheField(string query, string field)
    {
        using var client = _host.Client("samr-clerk");

        using var response = await client.GetAsync($"/api/departments/SAMR/tasks?{query}");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldError(problem, field));
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("offset=99999999999")]
    public async Task TheApi_RefusesPagingThatIsNotANumber_NamingTheField(string query)
    {
        using var client = _host.Client("samr-clerk");

        using var response = await client.GetAsync($"/api/departments/SAMR/tasks?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(query.Split('=')[0], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheQueuePage_ShowsTheRedTaskFirst_TheTotal_AndANextPageWithTheRest()
    {
        using var clerk = await PageSignInTests.SignedInBrowserAsync(_host, "samr-clerk", "Demo#2026");

        var first = WebUtility.HtmlDecode(await clerk.GetStringAsync("/desk"));
        var next = WebUtility.HtmlDecode(NextAnchor().Match(first).Groups[1].Value);
        var second = WebUtility.HtmlDecode(await clerk.GetStringAsync(next));
        var decided = WebUtility.HtmlDecode(await clerk.GetStringAsync("/desk?status=completed"));

        Assert.Contains($"共 {OpenTasks} 件，显示第 1–50 件", first, StringComparison.Ordinal);
        Assert.True(first.IndexOf($"open-{OpenTasks - 1:D3}", StringComparison.Ordinal) < first.IndexOf("open-000", StringComparison.Ordinal), "the red task comes first");
        Assert.Contains($"共 {OpenTasks} 件，显示第 51–{OpenTasks} 件", second, StringComparison.Ordinal);
        Assert.Contains($"open-{OpenTasks - 2:D3}", second, StringComparison.Ordinal);
        Assert.DoesNotContain("open-000<", second, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.Contains($"decided-{Decided - 1:D3}", decided, StringComparison.Ordinal);
        Assert.DoesNotContain("decided-000<", decided, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheQueuePage_FilteredByService_CountsAndPagesOnlyThatService()
    {
        using var clerk = await PageSignInTests.SignedInBrowserAsync(_host, "samr-clerk", "Demo#2026");

        var html = WebUtility.HtmlDecode(await clerk.GetStringAsync("/desk?service=construction"));

        Assert.Contains($"共 {OpenTasks / 3} 件，显示第 1–{OpenTasks / 3} 件", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"construction\" selected=\"selected\">工程建设</option>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", html, StringComparison.Ordinal);
    }

    private static TaskRecord NewTask(string title, DateTimeOffset dueAt, string status, string service, DateTimeOffset? completedAt = null) => new()
    {
        Id = Guid.NewGuid(),
        ApplicationId = Guid.NewGuid(),
        TrackingNumber = "YB-" + title,
        ServiceId = service,
        ServiceTitle = service == "construction" ? "工程建设" : "企业开办",
        StepId = "licence",
        Attempt = 1,
        Department = "SAMR",
        Title = title,
        Status = status,
        DispatchedAt = dueAt.AddDays(-3),
        DueAt = dueAt,
        ReceivedAt = dueAt.AddDays(-3),
        CompletedAt = completedAt,
        CompletedBy = completedAt is null ? null : "samr-clerk",
        Outcome = completedAt is null ? null : "approved",
        PayloadJson = "{}",
    };

    [GeneratedRegex("<([^>]+)>; rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<a rel=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex NextAnchor();
}
