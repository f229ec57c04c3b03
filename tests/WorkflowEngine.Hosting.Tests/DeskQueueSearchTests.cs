using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A citizen telephones the department with their tracking number, or gives their name: the clerk finds the task in the
/// queue, on the page and in the API, however the number was typed, among the other filters.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeskQueueSearchTests : IAsyncLifetime
{
    private AllInOneHost _host = null!;
    private Guid _applicationId;
    private string _trackingNumber = "";

    public async Task InitializeAsync()
    {
        _host = await AllInOneHost.StartAsync();
        var now = _host.Clock.GetUtcNow();
        // Others in the queue, one of them due sooner, so that a search that found everything would list it first.
        var changes = new DepartmentChanges();
        for (var i = 0; i < 3; i++)
        {
            changes.Inserted.Add(new TaskRecord
            {
                Id = Guid.NewGuid(), ApplicationId = Guid.NewGuid(), TrackingNumber = $"YB20260101-OTHER00{i}", ApplicantName = $"王{i}",
                ServiceId = "business-opening", ServiceTitle = "企业开办", StepId = "licence", Attempt = 1, Department = "SAMR", Title = $"other-{i}",
                Status = TaskStatuses.Open, DispatchedAt = now, DueAt = now.AddMinutes(10 + i), ReceivedAt = now, PayloadJson = "{}",
            });
        }

        await new SqlDepartmentStore(_host.Services.GetRequiredService<Database>()).SaveAsync(changes, now, CancellationToken.None);
        _applicationId = await _host.SubmitBusinessOpeningAsync();
        _trackingNumber = (await _host.TaskOfAsync(_applicationId)).GetProperty("trackingNumber").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheApi_FindsTheTask_ByItsNumberTypedInLowerCaseWithSpaces_ByItsBeginning_AndByTheApplicantsName()
    {
        var typed = Uri.EscapeDataString("  " + _trackingNumber.ToLowerInvariant() + " ");
        var beginning = Uri.EscapeDataString(_trackingNumber[..^3]);

        var byNumber = await _host.GetJsonAsync("samr-clerk", $"/api/departments/SAMR/tasks?status=all&q={typed}");
        var byBeginning = await _host.GetJsonAsync("samr-clerk", $"/api/departments/SAMR/tasks?q={beginning}");
        var byName = await _host.GetJsonAsync("samr-clerk", $"/api/departments/SAMR/tasks?q={Uri.EscapeDataString("张")}");
        var otherService = await _host.GetJsonAsync("samr-clerk", $"/api/departments/SAMR/tasks?service=construction&q={typed}");

        Assert.Equal([_applicationId], byNumber.EnumerateArray().Select(t => t.GetProperty("applicationId").GetGuid()));
        Assert.Equal([_applicationId], byBeginning.EnumerateArray().Select(t => t.GetProperty("applicationId").GetGuid()));
        Assert.Equal([_applicationId], byName.EnumerateArray().Select(t => t.GetProperty("applicationId").GetGuid()));
        Assert.Equal("张三", byName[0].GetProperty("applicantName").GetString());
        Assert.Equal(0, otherService.GetArrayLength());
    }

    [Fact]
    public async Task TheApi_RefusesASearchLongerThanANumberOrAName_NamingTheField()
    {
        using var client = _host.Client("samr-clerk");

        using var response = await client.GetAsync($"/api/departments/SAMR/tasks?q={new string('x', 65)}");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldError(problem, "q"));
    }

    [Fact]
    public async Task TheQueuePage_HasASearchBox_AndListsOnlyTheTaskFound_KeepingTheSearchInItsLinks()
    {
        using var clerk = await PageSignInTests.SignedInBrowserAsync(_host, "samr-clerk", "Demo#2026");

        var all = WebUtility.HtmlDecode(await clerk.GetStringAsync("/desk"));
        var found = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk?q={Uri.EscapeDataString(" " + _trackingNumber.ToLowerInvariant())}"));
        var byName = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk?q={Uri.EscapeDataString("王1")}"));

        Assert.Contains("<label for=\"q\">受理编号或申请人姓名</label>", all, StringComparison.Ordinal);
        Assert.Contains("other-0", all, StringComparison.Ordinal);
        Assert.Contains("共 1 件", found, StringComparison.Ordinal);
        Assert.Contains($"{_trackingNumber} · 张三", found, StringComparison.Ordinal);
        Assert.DoesNotContain("other-0", found, StringComparison.Ordinal);
        Assert.Contains("共 1 件", byName, StringComparison.Ordinal);
        Assert.Contains("other-1", byName, StringComparison.Ordinal);
        Assert.Contains("value=\"王1\"", byName, StringComparison.Ordinal);
    }
}
