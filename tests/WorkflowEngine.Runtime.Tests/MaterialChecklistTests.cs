using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>
/// What an application owes of its listed materials: the checklist the applicant sees, whether it may be accepted, and
/// which materials it is accepted without (容缺) must say the same, also for a required material that only steps the
/// answers do not run use (not owed).
/// </summary>
public sealed class MaterialChecklistTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Monday 2 March 2026, 09:00.</summary>
    private static readonly DateTimeOffset Accepted = new(2026, 3, 2, 9, 0, 0, Cst);

    private static readonly Core.Model.WorkflowDefinition Flow = Catalog.Definition("""
        id: test-checklist
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: bank, label: 预约银行开户, type: bool }
        materials:
          - { key: articles, name: 章程, required: true, usedBy: [a] }
          - { key: bankForm, name: 开户申请书, required: true, usedBy: [bank-account] }
          - { key: lease, name: 租赁合同, required: true, deferrable: { workingDays: 5 }, usedBy: [a] }
          - { key: seal, name: 印鉴卡, required: true, deferrable: { workingDays: 5 }, usedBy: [bank-account] }
          - { key: photo, name: 照片, usedBy: [a] }
        flow:
          activity: sequence
          steps:
            - { id: a, activity: department-task, title: a, department: SAMR, limit: { workingHours: 2 } }
            - { id: bank-account, activity: department-task, title: 银行开户, department: BANK, limit: { workingHours: 2 }, when: bank == true }
        """);

    private static MaterialRecord Upload(string key, int version = 1) =>
        new(Guid.NewGuid(), Guid.Empty, key, key + ".pdf", "application/pdf", 1, "", Accepted) { Version = version };

    private static string Answers(bool bank) => bank ? """{"bank":true}""" : """{"bank":false}""";

    private static string[] Statuses(MaterialRecord[] stored, bool bank, IReadOnlyList<DeferredMaterial>? deferred = null) =>
        [.. MaterialChecklist.Of(Flow, stored, Answers(bank), Accepted, Catalog.Calendar, deferred).Select(m => $"{m.Key}:{m.Status}:{(m.Required ? "required" : "-")}")];

    [Fact]
    public void NothingStored_WithoutTheBank_OwesTheArticles_DefersTheLease_AndNotTheBanksMaterials()
    {
        MaterialRecord[] stored = [];

        Assert.Equal(
            ["articles:missing:required", "bankForm:optional:-", "lease:deferred:required", "seal:optional:-", "photo:optional:-"],
            Statuses(stored, bank: false));
        Assert.False(MaterialChecklist.ReadyToAccept(Flow, stored, Answers(false)));
        Assert.Equal(["lease"], MaterialChecklist.DeferredKeys(Flow, stored, Answers(false)));
        var lease = MaterialChecklist.Of(Flow, stored, Answers(false), Accepted, Catalog.Calendar).Single(m => m.Key == "lease");
        Assert.Equal(Catalog.Calendar.Add(Accepted, WorkingTimeLimit.Days(5)), lease.DueBy);
    }

    [Fact]
    public void WithTheBank_ItsRequiredMaterialIsOwed_AndItsDeferrableOneDeferred()
    {
        MaterialRecord[] stored = [Upload("articles")];

        Assert.Equal(
            ["articles:received:required", "bankForm:missing:required", "lease:deferred:required", "seal:deferred:required", "photo:optional:-"],
            Statuses(stored, bank: true));
        Assert.False(MaterialChecklist.ReadyToAccept(Flow, stored, Answers(true)));
        Assert.Equal(["lease", "seal"], MaterialChecklist.DeferredKeys(Flow, stored, Answers(true)));
    }

    [Fact]
    public void EveryOwedMaterialThereOrDeferrable_IsReadyToAccept_WithTheLatestVersionShown()
    {
        MaterialRecord[] stored = [Upload("articles"), Upload("articles", version: 2), Upload("bankForm"), Upload("seal")];

        Assert.True(MaterialChecklist.ReadyToAccept(Flow, stored, Answers(true)));
        Assert.True(MaterialChecklist.ReadyToAccept(Flow, [Upload("articles")], Answers(false)));
        Assert.Equal(["lease"], MaterialChecklist.DeferredKeys(Flow, stored, Answers(true)));
        var articles = MaterialChecklist.Of(Flow, stored, Answers(true), Accepted, Catalog.Calendar).Single(m => m.Key == "articles");
        Assert.Equal(2, articles.File!.Version);
    }

    [Fact]
    public void TheFlowsOwnDeferralRecord_GivesTheDueTime_AndOverdueOnceItPassed()
    {
        var due = Accepted.AddDays(3);
        DeferredMaterial[] deferred = [new("lease", due, null) { Overdue = true }, new("seal", due, null)];

        var checklist = MaterialChecklist.Of(Flow, [Upload("articles")], Answers(true), Accepted, Catalog.Calendar, deferred);

        Assert.Equal([("lease", "overdue", (DateTimeOffset?)due), ("seal", "deferred", due)],
            checklist.Where(m => m.Key is "lease" or "seal").Select(m => (m.Key, m.Status, m.DueBy)));
    }

    [Fact]
    public void EveryRequiredMaterialStored_TheAnswersAreNotRead()
    {
        MaterialRecord[] stored = [Upload("articles"), Upload("bankForm"), Upload("lease"), Upload("seal")];

        Assert.True(MaterialChecklist.ReadyToAccept(Flow, stored, "{not json"));
        Assert.Empty(MaterialChecklist.DeferredKeys(Flow, stored, "{not json"));
        Assert.All(MaterialChecklist.Of(Flow, stored, "{not json", Accepted, Catalog.Calendar).Where(m => m.Required), m => Assert.Equal("received", m.Status));
    }
}
