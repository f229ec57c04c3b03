using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// A step approved on commitment (告知承诺) kept its verification (事后核查) when the application ended refused: its
/// certificates were void and nothing it approved stood, yet the department's clerk got a verification task months
/// later. Only a bundle that completed approved keeps its verifications; one refused — also a completed one overturned by
/// another failed verification — drops them as a withdrawn or cancelled one does, with the trail saying why.
/// </summary>
public sealed class Bug_10_RefusedApplicationIsNotVerified
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Text = "本单位承诺：城建档案于竣工验收后三个月内移交。";

    private const string FireText = "本单位承诺：消防设施于竣工后一个月内完成检测。";

    private static readonly DateTimeOffset VerifyAt = Catalog.Calendar.Add(Monday, WorkingTimeLimit.Days(20));

    private static FlowHarness Harness() => new FlowHarness(Catalog.Definition($$"""
        id: verify-refused
        title: 联合验收
        timeLimits: { statutory: { workingDays: 60 }, promised: { workingDays: 40 } }
        flow:
          activity: parallel
          steps:
            - id: archive
              activity: department-task
              title: 城建档案验收
              department: ARCH
              limit: { workingDays: 5 }
              commitment: { text: "{{Text}}", verifyWithin: { workingDays: 20 } }
            - id: fire
              activity: department-task
              title: 消防验收
              department: HUD
              limit: { workingDays: 5 }
              commitment: { text: "{{FireText}}", verifyWithin: { workingDays: 30 } }
            - { id: planning, activity: department-task, title: 规划核实, department: NRP, limit: { workingDays: 30 } }
        """), start: Monday).Start();

    private static FlowHarness Signed()
    {
        var h = Harness();
        h.Apply(new CommitmentSignedEvent("archive", 1, CommitmentRules.Sha256Of(Text), "zhangsan", Monday));
        h.Apply(new CommitmentSignedEvent("fire", 1, CommitmentRules.Sha256Of(FireText), "zhangsan", Monday));
        return h;
    }

    [Fact]
    public void ARefusedBundle_DropsTheVerificationsStillToCome_AndTheirTimersChangeNothing()
    {
        var h = Signed();
        h.Now = Monday.AddDays(1);
        h.Reject("planning", "规划条件未落实");
        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);

        Assert.Contains(h.Last!.Commands.OfType<CancelTimer>(), t => t.TimerId == "archive:verify");
        Assert.Contains(h.Last.Commands.OfType<CancelTimer>(), t => t.TimerId == "fire:verify");
        Assert.Equal(CommitmentStatus.Dropped, h.Step("archive")!.Commitment!.Status);
        Assert.Equal(CommitmentStatus.Dropped, h.Step("fire")!.Commitment!.Status);
        var dropped = h.Audit.Where(a => a.Type == AuditTypes.CommitmentVerificationDropped).ToArray();
        Assert.Equal(["archive", "fire"], dropped.Select(d => d.StepId).Order());
        Assert.All(dropped, d => Assert.Contains("规划条件未落实", d.Data!["reason"], StringComparison.Ordinal));

        // A timer that fired before its cancellation reached the timer store sends no task.
        var dispatched = h.Commands.OfType<DispatchStep>().Count();
        h.Now = VerifyAt;
        h.FireTimer("archive:verify", "archive");
        Assert.Equal(dispatched, h.Commands.OfType<DispatchStep>().Count());
        Assert.DoesNotContain(h.Audit, a => a.Type == "CommitmentVerificationDispatched");
    }

    [Fact]
    public void ACompletedBundleOverturnedByAFailedVerification_DropsTheOtherVerification()
    {
        var h = Signed();
        h.Approve("planning");
        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
        // Completed approved: both verifications stand.
        Assert.Equal(CommitmentStatus.AwaitingVerification, h.Step("fire")!.Commitment!.Status);

        h.Now = VerifyAt;
        h.FireTimer("archive:verify", "archive");
        Assert.Equal(CommitmentStatus.Verifying, h.Step("archive")!.Commitment!.Status);
        Assert.Equal(CommitmentStatus.AwaitingVerification, h.Step("fire")!.Commitment!.Status);

        h.Now = VerifyAt.AddHours(1);
        h.Apply(new StepCompletedEvent("archive", 2, StepOutcome.Rejected, "未移交档案", null, "arch-clerk", h.Now, null));

        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        Assert.Equal(CommitmentStatus.Failed, h.Step("archive")!.Commitment!.Status);
        Assert.Equal(CommitmentStatus.Dropped, h.Step("fire")!.Commitment!.Status);
        Assert.Contains(h.Last!.Commands.OfType<CancelTimer>(), t => t.TimerId == "fire:verify");
        Assert.Single(h.Audit, a => a.Type == AuditTypes.CommitmentVerificationDropped && a.StepId == "fire");
    }

    [Fact]
    public void AVerificationTaskOutWhenTheBundleIsRefused_IsRecalledInBothLanguages()
    {
        var h = Harness();
        h.Apply(new CommitmentSignedEvent("archive", 1, CommitmentRules.Sha256Of(Text), "zhangsan", Monday));
        h.Now = VerifyAt;
        h.FireTimer("archive:verify", "archive");
        Assert.Equal(CommitmentStatus.Verifying, h.Step("archive")!.Commitment!.Status);

        h.Now = VerifyAt.AddHours(1);
        h.Reject("planning", "规划条件未落实");

        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        var recall = Assert.Single(h.Last!.Commands.OfType<RecallStep>(), r => r.StepId == "archive");
        Assert.Equal((2, "ARCH"), (recall.Attempt, recall.Department));
        Assert.False(string.IsNullOrEmpty(recall.ReasonEn));
        Assert.Equal(CommitmentStatus.Dropped, h.Step("archive")!.Commitment!.Status);
    }
}
