using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests.Bugs;

/// <summary>
/// The conditions' view of the stored form read it without the guard the material checklist has: a form that is not a
/// JSON object failed with the parser's own words (“'n' is an invalid start of a value”), which the administrator then
/// read on the incident with nothing to say that the application's stored form is damaged. Nothing is decided on a
/// guess: the application is held, and the incident says which form cannot be read.
/// </summary>
public sealed class Bug_10_UnreadableFormHoldsTheApplication
{
    private static readonly Core.Model.WorkflowDefinition Flow = Catalog.Definition("""
        id: test-unreadable-form-conditions
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: bank, label: 预约银行开户, type: bool }
        flow:
          - { id: bank-account, activity: department-task, title: 银行开户, department: BANK, limit: { workingHours: 2 }, when: bank == true }
        """);

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"bank":""")]
    [InlineData("[true]")]
    public void AFormThatIsNotAJsonObject_IsNamedAsTheStoredForm_WhenAConditionNeedsIt(string stored)
    {
        var application = new ApplicationRecord
        {
            Id = Guid.NewGuid(),
            TrackingNumber = "YB20260302-BROKEN01",
            ServiceId = Flow.Id,
            ServiceVersion = 1,
            ApplicantId = "zhangsan",
            Status = ApplicationStatuses.InProgress,
            FormJson = stored,
            SubmittedAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)),
        };

        var data = application.DataFor(Flow);

        var error = Assert.Throws<InvalidDataException>(() => data.Form);
        Assert.Contains("YB20260302-BROKEN01 保存的申请表无法读取", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AReadableForm_GivesTheConditionsItsAnswers()
    {
        Assert.True(StoredForm.Read("""{"bank":true}""")!["bank"]!.GetValue<bool>());
        Assert.Null(StoredForm.Read("[true]"));
    }
}
