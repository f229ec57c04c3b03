using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// 告知承诺制: the applicant signs the step's commitment, the step is approved at once, a verification task (事后核查)
/// reaches the department the definition's working days later, and a failed verification revokes the approval with
/// the definition's consequence, also after the bundle has finished. Signed on paper at the window, the clerk's
/// decision carries the signature and the engine approves on it the same way, or refuses it and tells the department.
/// </summary>
public sealed class CommitmentWatchTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Text = "本单位承诺：城建档案于竣工验收后三个月内移交，所报材料真实有效。";

    private static string Flow(string onFailure, string archiveExtra = "") => $$"""
        id: commit-flow
        title: 测试
        timeLimits: { statutory: { workingDays: 30 }, promised: { workingDays: 20 } }
        flow:
          activity: sequence
          steps:
            - activity: parallel
              steps:
                - id: archive
                  activity: department-task
                  title: 城建档案验收
                  department: ARCH
                  limit: { workingDays: 5 }{{archiveExtra}}
                  commitment: { text: "{{Text}}", verifyWithin: { workingDays: 20 }, onFailure: {{onFailure}} }
                - { id: planning, activity: department-task, title: 规划核实, department: NRP, limit: { workingDays: 10 } }
            - { id: register, activity: department-task, title: 登记, department: REG, limit: { workingDays: 5 } }
        """;

    private static readonly DateTimeOffset VerifyAt = Catalog.Calendar.Add(Monday, WorkingTimeLimit.Days(20));

    /// <summary>The archives step bound by law to twenty working days (法定时限) besides its promised five.</summary>
    private const string StatutoryTwenty = "\n          statutoryLimit: { workingDays: 20 }";

    private static FlowHarness Signed(string onFailure = "revoke-step", string archiveExtra = "")
    {
        var h = new FlowHarness(Catalog.Definition(Flow(onFailure, archiveExtra)), start: Monday).Start();
        h.Apply(new CommitmentSignedEvent("archive", 1, CommitmentRules.Sha256Of(Text), "zhangsan", Monday));
        return h;
    }

    private static FlowHarness Verifying(string onFailure = "revoke-step", string archiveExtra = "")
    {
        var h = Signed(onFailure, archiveExtra);
        h.Now = VerifyAt;
        h.FireTimer("archive:verify", "archive");
        return h;
    }

    [Fact]
    public void Signing_ApprovesTheStepAtOnce_DropsTheDepartmentsTask_AndSchedulesTheVerification()
    {
        var h = Signed();

        var archive = h.Step("archive")!;
        Assert.Equal((NodeStatus.Completed, StepOutcome.Approved), (archive.Status, archive.Outcome));
        Assert.Equal(CommitmentStatus.AwaitingVerification, archive.Commitment!.Status);
        Assert.Equal(("zhangsan", CommitmentRules.Sha256Of(Text)), (archive.Commitment.SignedBy, archive.Commitment.TextSha256));
        Assert.Contains("archive", h.Recalled);
        var timer = Assert.Single(h.Last!.Commands.OfType<ScheduleTimer>(), t => t.TimerId == "archive:verify");
        Assert.Equal(VerifyAt, timer.DueAt);
        Assert.Single(h.Audit, a => a.Type == "CommitmentSigned" && a.Actor == "zhangsan" && a.Data!["textSha256"] == CommitmentRules.Sha256Of(Text));
        Assert.Single(h.Audit, a => a.Type == AuditTypes.StepApproved && a.StepId == "archive" && a.Data!["onCommitment"] == "true");
        Assert.Contains(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "commitment-approved" && n.Message.Contains("事后核查", StringComparison.Ordinal));
        // The rest of the flow is untouched: planning still waits for its department.
        Assert.Equal(NodeStatus.Active, h.Step("planning")!.Status);
    }

    [Fact]
    public void AnotherText_OrAStepWithoutCommitment_IsRefused_AndTheStepWaits()
    {
        var h = new FlowHarness(Catalog.Definition(Flow("revoke-step")), start: Monday).Start();
        h.Apply(new CommitmentSignedEvent("archive", 1, CommitmentRules.Sha256Of(Text + "（改）"), "zhangsan", Monday));
        h.Apply(new CommitmentSignedEvent("planning", 1, CommitmentRules.Sha256Of(Text), "zhangsan", Monday));

        Assert.Equal(NodeStatus.Active, h.Step("archive")!.Status);
        Assert.Equal(NodeStatus.Active, h.Step("planning")!.Status);
        Assert.Equal(2, h.Audit.Count(a => a.Type == "CommitmentIgnored"));
        Assert.DoesNotContain(h.Commands.OfType<ScheduleTimer>(), t => t.TimerId.EndsWith(":verify", StringComparison.Ordinal));
    }

    [Fact]
    public void TheVerificationTask_ReachesTheDepartment_AsANewAttemptCarryingTheCommitment()
    {
        var h = Verifying();

        var task = Assert.Single(h.Last!.Commands.OfType<DispatchStep>());
        Assert.Equal(("archive", 2, "ARCH"), (task.StepId, task.Attempt, task.Department));
        Assert.Equal(Text, task.Verification!.Text);
        Assert.Equal("zhangsan", task.Verification.SignedBy);
        Assert.Equal(Catalog.Calendar.Add(VerifyAt, WorkingTimeLimit.Days(5)), task.DueAt);
        Assert.Contains("事后核查", task.Title.Zh, StringComparison.Ordinal);
        Assert.Equal(CommitmentStatus.Verifying, h.Step("archive")!.Commitment!.Status);
        Assert.Single(h.Last!.Commands.OfType<NotifyApplicant>(), n => n.Kind == "commitment-verifying");
    }

    [Fact]
    public void TheVerificationTask_CarriesTheStepsStatutoryDueTime_CountedFromItsDispatch()
    {
        var h = Verifying(archiveExtra: StatutoryTwenty);

        var task = Assert.Single(h.Last!.Commands.OfType<DispatchStep>());
        Assert.Equal(WorkingTimeLimit.Days(20), task.Statutory!.Limit);
        Assert.Equal(Catalog.Calendar.Add(VerifyAt, WorkingTimeLimit.Days(20)), task.Statutory.DueAt);
        Assert.Null(Assert.Single(Verifying().Last!.Commands.OfType<DispatchStep>()).Statutory);
    }

    [Fact]
    public void AHolidayLoadedAfterTheVerificationTaskWentOut_MovesItsStatutoryDueTime_AndTheDepartmentIsTold()
    {
        var h = Verifying(archiveExtra: StatutoryTwenty);
        var before = Catalog.Calendar.Add(VerifyAt, WorkingTimeLimit.Days(20));
        var dayOff = DateOnly.FromDateTime(Catalog.Calendar.Add(VerifyAt, WorkingTimeLimit.Days(2)).ToOffset(TimeSpan.FromHours(8)).DateTime);
        var data = Catalog.Calendar.Data;
        var changed = new WorkingCalendar(data with
        {
            Years = [.. data.Years.Select(y => y.Year == dayOff.Year ? y with { Holidays = [.. y.Holidays, new HolidayPeriod("测试假日", dayOff, dayOff)] } : y)],
        });

        h.Now = VerifyAt.AddHours(1);
        h.Calendar = changed;
        h.Apply(new CalendarChangedEvent("cn-mainland", "补充放假安排", "admin"));

        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceDue>(), a => a.StepId == "archive");
        Assert.Equal(changed.Add(VerifyAt, WorkingTimeLimit.Days(20)), told.Statutory!.DueAt);
        Assert.NotEqual(before, told.Statutory.DueAt);
    }

    [Fact]
    public void APassedVerification_KeepsTheApproval()
    {
        var h = Verifying();
        h.Apply(new StepClaimedEvent("archive", 2, "arch-clerk", h.Now));
        h.Approve("archive");

        var archive = h.Step("archive")!;
        Assert.Equal(StepOutcome.Approved, archive.Outcome);
        Assert.Equal(CommitmentStatus.Passed, archive.Commitment!.Status);
        Assert.Single(h.Audit, a => a.Type == "CommitmentVerified");
        Assert.Contains(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "commitment-verified");
    }

    [Fact]
    public void AFailedVerification_WhileTheFlowRuns_RevokesTheStep_AndTheBundleEndsRefused()
    {
        var h = Verifying();
        h.Reject("archive", "档案未按承诺移交");

        var archive = h.Step("archive")!;
        Assert.Equal(StepOutcome.Rejected, archive.Outcome);
        Assert.Equal(CommitmentStatus.Failed, archive.Commitment!.Status);
        Assert.Contains("档案未按承诺移交", archive.Reason, StringComparison.Ordinal);
        Assert.Single(h.Audit, a => a.Type == "CommitmentRevoked" && a.Actor == "clerk" && a.Data!["reason"] == "档案未按承诺移交");
        Assert.Contains(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "commitment-revoked" && n.Message.Contains("档案未按承诺移交", StringComparison.Ordinal));
        Assert.Equal(WorkflowStatus.Running, h.State.Status);
        Assert.Empty(h.Commands.OfType<RevokeCertificates>());

        // The other steps finish approved; the bundle does not count as granted.
        h.Approve("planning");
        h.Approve("register");
        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        Assert.Contains("撤销城建档案验收的审批", h.State.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedVerification_AfterTheBundleCompleted_TurnsItRefused()
    {
        var h = Signed();
        h.Approve("planning");
        h.Approve("register");
        Assert.Equal(WorkflowStatus.Completed, h.State.Status);

        // The verification timer survives the application's end.
        h.Now = VerifyAt;
        h.FireTimer("archive:verify", "archive");
        Assert.Single(h.Last!.Commands.OfType<DispatchStep>(), d => d.Verification is not null);
        h.Reject("archive", "档案未按承诺移交");

        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        var completion = Assert.Single(h.Last!.Commands.OfType<CompleteApplication>());
        Assert.Equal(WorkflowStatus.Rejected, completion.Status);
        Assert.Single(h.Audit, a => a.Type == AuditTypes.ApplicationRejected);
        Assert.Contains("档案未按承诺移交", Assert.Single(h.Last!.Commands.OfType<RevokeCertificates>()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedVerification_WithEndApplication_CancelsTheRunningApplication_AndRecallsWhatDepartmentsHold()
    {
        var h = Verifying("end-application");
        h.Reject("archive", "档案未按承诺移交");

        Assert.Equal(WorkflowStatus.Cancelled, h.State.Status);
        Assert.Contains("档案未按承诺移交", h.State.Reason, StringComparison.Ordinal);
        Assert.Contains("planning", h.Last!.Commands.OfType<RecallStep>().Select(r => r.StepId));
        Assert.Contains(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "commitment-revoked" && n.Message.Contains("终止办理", StringComparison.Ordinal));
        Assert.Single(h.Last!.Commands.OfType<RevokeCertificates>());
    }

    [Fact]
    public void ReportsAboutTheVerificationTask_FromAnotherDepartment_OrOfTheOldAttempt_ChangeNothing()
    {
        var h = Verifying();
        h.Apply(new StepCompletedEvent("archive", 2, StepOutcome.Rejected, "冒充", null, "x", h.Now, null) { Department = "NRP" });
        h.Apply(new StepCompletedEvent("archive", 1, StepOutcome.Rejected, "旧的", null, "x", h.Now, null));

        Assert.Equal(CommitmentStatus.Verifying, h.Step("archive")!.Commitment!.Status);
        Assert.Equal(StepOutcome.Approved, h.Step("archive")!.Outcome);
    }

    // 按承诺审批 at the service window: the clerk reports the paper signature with the department's decision.

    private static FlowHarness Started() => new FlowHarness(Catalog.Definition(Flow("revoke-step")), start: Monday).Start();

    private static CommitmentSignedEvent AtWindow(string step, string department, string sha) =>
        new(step, 1, sha, "张三", Monday.AddHours(1))
        {
            Department = department,
            Channel = CommitmentState.WindowChannel,
            WitnessedBy = "arch-clerk",
            SignerId = "11**************2X",
        };

    [Fact]
    public void APaperSignature_ApprovesOnCommitment_RecordsTheClerkAndTheWindow_AndSchedulesTheVerification()
    {
        var h = Started();
        h.Apply(AtWindow("archive", "ARCH", CommitmentRules.Sha256Of(Text)));

        var archive = h.Step("archive")!;
        Assert.Equal((NodeStatus.Completed, StepOutcome.Approved), (archive.Status, archive.Outcome));
        var commitment = archive.Commitment!;
        Assert.Equal((CommitmentStatus.AwaitingVerification, "张三", CommitmentState.WindowChannel, "arch-clerk"),
            (commitment.Status, commitment.SignedBy, commitment.Channel, commitment.WitnessedBy));
        var verifyAt = Catalog.Calendar.Add(Monday.AddHours(1), WorkingTimeLimit.Days(20));
        Assert.Single(h.Last!.Commands.OfType<ScheduleTimer>(), t => t.TimerId == "archive:verify" && t.DueAt == verifyAt);
        // The department decided its task itself: nothing to recall.
        Assert.DoesNotContain("archive", h.Recalled);
        var audit = Assert.Single(h.Audit, a => a.Type == "CommitmentSigned");
        Assert.Equal("arch-clerk", audit.Actor);
        Assert.Equal(("window", "张三", "11**************2X"), (audit.Data!["channel"], audit.Data["signedBy"], audit.Data["signerId"]));
        Assert.Single(h.Audit, a => a.Type == AuditTypes.StepApproved && a.StepId == "archive" && a.Data!["onCommitment"] == "true");
        Assert.Contains(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "commitment-approved" && n.Message.Contains("窗口", StringComparison.Ordinal));
    }

    [Fact]
    public void APaperSignatureOfAnotherText_IsRefused_TheDepartmentIsTold_AndTheStepWaits()
    {
        var h = Started();
        h.Apply(AtWindow("archive", "ARCH", CommitmentRules.Sha256Of(Text + "（旧版）")));

        Assert.Equal(NodeStatus.Active, h.Step("archive")!.Status);
        Assert.Null(h.Step("archive")!.Commitment);
        Assert.Single(h.Audit, a => a.Type == "CommitmentIgnored" && a.Actor == "arch-clerk" && a.Data!["channel"] == "window");
        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceCommitmentRefused>());
        Assert.Equal(("archive", 1, "ARCH"), (told.StepId, told.Attempt, told.Department));
        Assert.Contains("不一致", told.Reason, StringComparison.Ordinal);
        Assert.Equal("The commitment signed is not this step's commitment", told.ReasonEn);
        Assert.DoesNotContain(h.Commands.OfType<ScheduleTimer>(), t => t.TimerId.EndsWith(":verify", StringComparison.Ordinal));
    }

    [Fact]
    public void APaperSignatureOnAStepWithoutCommitment_IsRefused_AndTheDepartmentIsTold()
    {
        var h = Started();
        h.Apply(AtWindow("planning", "NRP", CommitmentRules.Sha256Of(Text)));

        Assert.Equal(NodeStatus.Active, h.Step("planning")!.Status);
        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceCommitmentRefused>());
        Assert.Equal(("planning", "NRP"), (told.StepId, told.Department));
        Assert.Contains("不适用告知承诺制", told.Reason, StringComparison.Ordinal);
        Assert.Equal("This step may not be approved on commitment", told.ReasonEn);
    }

    [Fact]
    public void APaperSignatureFromAnotherDepartment_IsIgnored()
    {
        var h = Started();
        h.Apply(AtWindow("archive", "NRP", CommitmentRules.Sha256Of(Text)));

        Assert.Equal(NodeStatus.Active, h.Step("archive")!.Status);
        Assert.Single(h.Audit, a => a.Type == "ReportFromWrongDepartmentIgnored");
    }
}
