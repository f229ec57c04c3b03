using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// A step approved on commitment (告知承诺) kept its verification (事后核查) after the applicant withdrew the application
/// or an administrator cancelled it: the verification timer still fired and the department's clerk got a verification
/// task for an application nobody pursues any more. Once the application has ended, nothing is verified, a task
/// already out is recalled, and the trail says why.
/// </summary>
public sealed class Bug_10_EndedApplicationIsNotVerified
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Text = "本单位承诺：城建档案于竣工验收后三个月内移交。";

    private static readonly DateTimeOffset VerifyAt = Catalog.Calendar.Add(Monday, WorkingTimeLimit.Days(20));

    /// <summary>The archives approved on commitment at once; planning still waits for its department, so the application runs on.</summary>
    private static FlowHarness Signed()
    {
        var h = new FlowHarness(Catalog.Definition($$"""
            id: verify-ended
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
                - { id: planning, activity: department-task, title: 规划核实, department: NRP, limit: { workingDays: 30 } }
            """), start: Monday).Start();
        h.Apply(new CommitmentSignedEvent("archive", 1, CommitmentRules.Sha256Of(Text), "zhangsan", Monday));
        Assert.Equal(CommitmentStatus.AwaitingVerification, h.Step("archive")!.Commitment!.Status);
        return h;
    }

    public static TheoryData<string> Endings => ["withdrawn", "cancelled"];

    private static void End(FlowHarness h, string how) =>
        h.Apply(how == "withdrawn" ? new WorkflowWithdrawnEvent("不再办理", "zhangsan") : new WorkflowCancelledEvent("申请人已注销", "admin"));

    [Theory]
    [MemberData(nameof(Endings))]
    public void AnApplicationEndedBeforeTheVerification_SendsNoVerificationTask_AndSaysWhy(string how)
    {
        var h = Signed();
        h.Now = Monday.AddDays(1);
        End(h, how);

        Assert.Contains(h.Last!.Commands.OfType<CancelTimer>(), t => t.TimerId == "archive:verify");
        Assert.Equal(CommitmentStatus.Dropped, h.Step("archive")!.Commitment!.Status);
        var dropped = Assert.Single(h.Audit, a => a.Type == AuditTypes.CommitmentVerificationDropped);
        Assert.Equal("archive", dropped.StepId);
        Assert.Contains(how == "withdrawn" ? "撤回" : "申请人已注销", dropped.Data!["reason"], StringComparison.Ordinal);

        // A timer that fired before the cancellation reached it changes nothing: no task, no notice.
        var dispatched = h.Commands.OfType<DispatchStep>().Count();
        h.Now = VerifyAt;
        h.FireTimer("archive:verify", "archive");
        Assert.Equal(dispatched, h.Commands.OfType<DispatchStep>().Count());
        Assert.DoesNotContain(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "commitment-verifying");
        Assert.DoesNotContain(h.Audit, a => a.Type == "CommitmentVerificationDispatched");
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public void AVerificationTaskOutWhenTheApplicationEnds_IsRecalledFromItsDepartment(string how)
    {
        var h = Signed();
        h.Now = VerifyAt;
        h.FireTimer("archive:verify", "archive");
        Assert.Equal(CommitmentStatus.Verifying, h.Step("archive")!.Commitment!.Status);

        h.Now = VerifyAt.AddHours(2);
        End(h, how);

        var recall = Assert.Single(h.Last!.Commands.OfType<RecallStep>(), r => r.StepId == "archive");
        Assert.Equal((2, "ARCH"), (recall.Attempt, recall.Department));
        // The English desk reads why in English, as for every other step the ending recalls.
        Assert.False(string.IsNullOrEmpty(recall.ReasonEn));
        Assert.Equal(h.State.ReasonEn, recall.ReasonEn);
        Assert.Equal(CommitmentStatus.Dropped, h.Step("archive")!.Commitment!.Status);
        Assert.Single(h.Audit, a => a.Type == AuditTypes.CommitmentVerificationDropped);

        // The department's late decision on the recalled task revokes nothing.
        h.Apply(new StepCompletedEvent("archive", 2, StepOutcome.Rejected, "未移交", null, "arch-clerk", h.Now, null));
        Assert.Equal(StepOutcome.Approved, h.Step("archive")!.Outcome);
        Assert.DoesNotContain(h.Audit, a => a.Type == "CommitmentRevoked");
    }
}
