using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// A certificate issued by the last step of a branch stayed valid when the bundle then ended refused: the parallel join
/// counted the revoked approval (or a refused branch) and refused the flow itself, so the end of the flow never reached
/// the voiding it kept for a flow that finished approved with a revoked step.
/// </summary>
public sealed class Bug_10_CertificatesOfARefusedBundleAreVoid
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private const string Text = "本单位承诺：城建档案于竣工验收后三个月内移交。";

    /// <summary>The archives approved on commitment beside a branch that ends issuing the planning certificate.</summary>
    private static FlowHarness Started(string onRejection = "cancel-siblings", string archive = "") => new FlowHarness(Catalog.Definition($$"""
        id: cert-void
        title: 联合验收
        timeLimits: { statutory: { workingDays: 60 }, promised: { workingDays: 40 } }
        flow:
          activity: parallel
          onRejection: {{onRejection}}
          steps:
            - id: archive
              activity: department-task
              title: 城建档案验收
              department: ARCH
              limit: { workingDays: 5 }{{archive}}
            - activity: sequence
              steps:
                - { id: planning, activity: department-task, title: 规划核实, department: NRP, limit: { workingDays: 30 } }
                - id: issue
                  activity: certificate-issuance
                  certificates:
                    - { name: 规划核实意见书, from: planning }
        """), start: Monday).Start();

    [Fact]
    public void AnApprovalRevokedWhileABranchRan_ThenThatBranchIssuedACertificate_TheRefusedBundleVoidsIt()
    {
        var h = Started(archive: $"\n      commitment: {{ text: \"{Text}\", verifyWithin: {{ workingDays: 5 }} }}");
        h.Apply(new CommitmentSignedEvent("archive", 1, CommitmentRules.Sha256Of(Text), "zhangsan", Monday));
        h.Now = Catalog.Calendar.Add(Monday, WorkingTimeLimit.Days(5));
        h.FireTimer("archive:verify", "archive");
        h.Reject("archive", "档案未按承诺移交");
        Assert.Equal(WorkflowStatus.Running, h.State.Status);

        h.Approve("planning");

        Assert.Single(h.Last!.Commands.OfType<IssueCertificates>());
        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        var voided = Assert.Single(h.Last.Commands.OfType<RevokeCertificates>());
        Assert.Contains("档案未按承诺移交", voided.Reason, StringComparison.Ordinal);
        Assert.Equal(h.State.Reason, voided.Reason);
        Assert.True(h.Last.Commands.ToList().IndexOf(voided) > h.Last.Commands.ToList().IndexOf(h.Last.Commands.OfType<IssueCertificates>().Single()),
            "the voiding runs after the issue it voids");
    }

    [Fact]
    public void ABranchRefused_WhileAnotherWentOnToIssueACertificate_TheRefusedBundleVoidsIt()
    {
        var h = Started(onRejection: "continue");
        h.Reject("archive", "档案资料不全");
        h.Approve("planning");

        Assert.Single(h.Last!.Commands.OfType<IssueCertificates>());
        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        Assert.Contains("档案资料不全", Assert.Single(h.Last.Commands.OfType<RevokeCertificates>()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ABundleThatEndsApproved_VoidsNothing()
    {
        var h = Started().Approve("archive").Approve("planning");

        Assert.Single(h.Commands.OfType<IssueCertificates>());
        Assert.Equal((WorkflowStatus.Completed, 0), (h.State.Status, h.Commands.OfType<RevokeCertificates>().Count()));
    }
}
