using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The desk pages as a department host serves them (its own layout and menu, no engine pages beside them): the queue
/// with its search, a claimed task's page with its decision forms (and a material made of photos, said so), and the
/// supervisor's at-risk list with its notices pass axe, show the keyboard focus and fit a phone, in Chinese and in English.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DepartmentHostDeskPagesBrowserTests(DepartmentHostBrowserFixture fixture) : IClassFixture<DepartmentHostBrowserFixture>
{
    private const string Payload = """
        {"applicantName":"张三","limit":"2 个工作小时","limitEn":"2 working hours","form":{"companyName":"福州闽江数字科技有限公司"},
         "formLabels":[{"key":"companyName","label":"企业名称","labelEn":"Company name"}],
         "materials":[{"key":"articles","name":"公司章程","nameEn":"Articles of association","status":"received","version":1,"fileName":"公司章程.pdf",
                       "contentType":"application/pdf","size":48213,"sha256":"0000000000000000000000000000000000000000000000000000000000000000","photoPages":3,
                       "download":"/api/applications/0199a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b/materials/0199a1b2-8d01-7a22-9b3c-4d5e6f708192"}],
         "commitment":{"text":"本企业承诺：所报材料真实有效。","textSha256":"0000000000000000000000000000000000000000000000000000000000000000",
                       "verifyWithin":"60 个工作日","verifyWithinEn":"60 working days"}}
        """;

    [Theory]
    [InlineData(BrowserFixture.Chinese)]
    [InlineData(BrowserFixture.English)]
    public async Task QueueTaskAndSupervisionPages_PassAxe_ShowTheFocus_AndFitAPhone(string culture)
    {
        // Each language seeds its own task on the shared host: the search finds this one by its number.
        var (taskId, number) = await SeedAsync();

        var queue = await fixture.SignedInAsync("samr-clerk", "/desk?q=" + Uri.EscapeDataString(number.ToLowerInvariant()), culture: culture);
        await Assertions.Expect(queue.Locator(".desk-queue li")).ToHaveCountAsync(1);
        await PageChecks.AssertUsableAsync(queue, culture == BrowserFixture.Chinese ? "department-host-desk-queue" : null);

        var task = await fixture.SignedInAsync("samr-clerk", $"/desk/tasks/{taskId}", culture: culture);
        await Assertions.Expect(task.Locator("h1")).Not.ToBeEmptyAsync();
        // The step's limit, and the commitment it may be approved on with the wait before its verification, in the page's language.
        await Assertions.Expect(task.Locator("#task-due")).ToContainTextAsync(culture == BrowserFixture.Chinese ? "（时限 2 个工作小时）" : "(limit 2 working hours)");
        await Assertions.Expect(task.Locator("#commitment > p").First).ToContainTextAsync(culture == BrowserFixture.Chinese
            ? "部门于审批后 60 个工作日 起进行事后核查"
            : "the department verifies it 60 working days after the approval");
        // A material the applicant photographed page by page (ExecuteStep.materials[].photoPages), said beside its file.
        await Assertions.Expect(task.Locator(".desk-photo-pages")).ToHaveTextAsync(culture == BrowserFixture.Chinese ? "· 由 3 张照片合成 PDF" : "· a PDF made of 3 photos");
        await PageChecks.AssertUsableAsync(task, culture == BrowserFixture.Chinese ? "department-host-desk-task" : null);

        var supervise = await fixture.SignedInAsync("samr-supervisor", "/desk/supervise", culture: culture);
        await Assertions.Expect(supervise.Locator("#notices-heading")).ToBeVisibleAsync();
        await PageChecks.AssertUsableAsync(supervise, culture == BrowserFixture.Chinese ? "department-host-desk-supervise" : null);
    }

    /// <summary>A task claimed by the clerk, offering a commitment, with a yellow notice for the supervisors; returns the task's id and tracking number.</summary>
    private async Task<(Guid Id, string TrackingNumber)> SeedAsync()
    {
        var now = fixture.Host.Clock.GetUtcNow();
        var task = new TaskRecord
        {
            Id = Guid.NewGuid(), ApplicationId = Guid.NewGuid(), TrackingNumber = $"YB20260302-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}",
            ApplicantName = "张三", ServiceId = "business-opening", ServiceTitle = "企业开办", ServiceTitleEn = "Business opening", StepId = "business-licence",
            Attempt = 1, Department = "SAMR", Title = "营业执照", TitleEn = "Business licence", Status = TaskStatuses.Claimed, ClaimedBy = "samr-clerk",
            ClaimedAt = now, DispatchedAt = now, DueAt = now.AddHours(2), ReceivedAt = now, PayloadJson = Payload,
        };
        var changes = new DepartmentChanges();
        changes.Inserted.Add(task);
        changes.Notices.Add(new DepartmentNotice(
            Guid.NewGuid(), "SAMR", task.Id, task.ApplicationId, task.TrackingNumber, task.StepId, task.Title, "yellow",
            "营业执照即将到期", now.AddHours(2), now, "Business licence is due soon", task.TitleEn));
        await fixture.Host.Services.GetRequiredService<IDepartmentStore>().SaveAsync(changes, now, CancellationToken.None);
        return (task.Id, task.TrackingNumber);
    }
}
