using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests.Bugs;

/// <summary>
/// Since 容缺 is enforced, accepting an application reads its stored form to learn which materials its answers call for.
/// A form that is not JSON threw there, so an upload to an application waiting for materials crashed the engine's batch
/// and its checklist page answered 500. A form that cannot be read (not JSON, or JSON but not an object) now calls for
/// every material a step uses: the application waits for, or is accepted without (容缺), whatever its answers might need,
/// and never starts a step without a material that step may use.
/// </summary>
public sealed class Bug_10_UnreadableFormOwesEveryMaterial
{
    private static readonly DateTimeOffset Accepted = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly Core.Model.WorkflowDefinition Flow = Catalog.Definition("""
        id: test-unreadable-form
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: bank, label: 预约银行开户, type: bool }
        materials:
          - { key: articles, name: 章程, required: true, usedBy: [a] }
          - { key: bankForm, name: 开户申请书, required: true, usedBy: [bank-account] }
          - { key: seal, name: 印鉴卡, required: true, deferrable: { workingDays: 5 }, usedBy: [bank-account] }
        flow:
          activity: sequence
          steps:
            - { id: a, activity: department-task, title: a, department: SAMR, limit: { workingHours: 2 } }
            - { id: bank-account, activity: department-task, title: 银行开户, department: BANK, limit: { workingHours: 2 }, when: bank == true }
        """);

    private static MaterialRecord Upload(string key) =>
        new(Guid.NewGuid(), Guid.Empty, key, key + ".pdf", "application/pdf", 1, "", Accepted) { Version = 1 };

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"bank":""")]
    [InlineData("[true]")]
    [InlineData("null")]
    public void AnUnreadableForm_HoldsTheApplicationForEveryMaterialItsStepsUse(string formJson)
    {
        Assert.False(MaterialChecklist.ReadyToAccept(Flow, [Upload("articles")], formJson));
        Assert.Equal(
            ["articles:received", "bankForm:missing", "seal:deferred"],
            MaterialChecklist.Of(Flow, [Upload("articles")], formJson, Accepted, Catalog.Calendar).Select(m => $"{m.Key}:{m.Status}"));

        Assert.True(MaterialChecklist.ReadyToAccept(Flow, [Upload("articles"), Upload("bankForm")], formJson));
        Assert.Equal(["seal"], MaterialChecklist.DeferredKeys(Flow, [Upload("articles"), Upload("bankForm")], formJson));
    }

    [Fact]
    public void AReadableFormWithoutTheBank_StillOwesNothingOfTheBanks()
    {
        Assert.True(MaterialChecklist.ReadyToAccept(Flow, [Upload("articles")], """{"bank":false}"""));
        Assert.Empty(MaterialChecklist.DeferredKeys(Flow, [Upload("articles")], """{"bank":false}"""));
    }
}
