using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The engine's memory of the applications it last committed: copies in, copies out, bounded.</summary>
public sealed class CommittedApplicationsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static ApplicationRecord Application(string status = ApplicationStatuses.InProgress)
    {
        var state = new InstanceState { StartedAt = Now, Reason = "r" };
        state.Nodes["licence"] = new NodeState { Status = NodeStatus.Active, Attempt = 1, Department = "SAMR", Outputs = new() { ["n"] = "1" } };
        return new ApplicationRecord
        {
            Id = Guid.CreateVersion7(),
            TrackingNumber = "YB20260302-ABCDEFGH",
            ServiceId = "business-opening",
            ServiceVersion = 3,
            ApplicantId = "zhangsan",
            ApplicantName = "张三",
            Status = status,
            FormJson = """{"companyName":"测试"}""",
            State = state,
            Version = 4,
            SubmittedAt = Now,
            AcceptedAt = Now.AddMinutes(1),
            DueAt = Now.AddDays(1),
            StatutoryDueAt = Now.AddDays(5),
            CompletedAt = Now.AddHours(3),
            OnTime = true,
            Reason = "理由",
            ReasonEn = "the reason",
            AuditSequence = 7,
            AuditHead = new string('a', 64),
            IdempotencyKey = "order-42",
            RequestSha256 = new string('b', 64),
            QueryCodeSha256 = new string('c', 64),
        };
    }

    [Fact]
    public void WhatComesBack_HasEveryPropertyAsCommitted()
    {
        var cache = new CommittedApplications(10);
        var application = Application();
        cache.Committed([application]);

        Assert.True(cache.TryGet(application.Id, out var back));

        // Every stored property (not the ones worked out from others, such as IsWalkIn), so that one added to the record later cannot be dropped by the copy unnoticed.
        foreach (var property in typeof(ApplicationRecord).GetProperties().Where(p => p.Name != nameof(ApplicationRecord.State) && p.SetMethod is not null))
        {
            var value = property.GetValue(application);
            Assert.False(value is null || (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType))), $"Give {property.Name} a value in this test's application.");
            Assert.Equal(value, property.GetValue(back));
        }

        Assert.Equal(application.State.Reason, back.State.Reason);
        Assert.Equal(application.State.StartedAt, back.State.StartedAt);
        Assert.Equal("SAMR", back.State.Find("licence")!.Department);
    }

    [Fact]
    public void ABatchChangingWhatItGot_DoesNotChangeWhatIsRemembered()
    {
        var cache = new CommittedApplications(10);
        var application = Application();
        cache.Committed([application]);

        // Neither the committed object nor a copy handed out reaches the entry.
        application.Status = ApplicationStatuses.Rejected;
        application.State.Find("licence")!.Status = NodeStatus.Completed;
        cache.TryGet(application.Id, out var first);
        first!.Version = 99;
        first.State.Nodes.Clear();

        Assert.True(cache.TryGet(application.Id, out var second));
        Assert.Equal(ApplicationStatuses.InProgress, second.Status);
        Assert.Equal(4, second.Version);
        Assert.Equal(NodeStatus.Active, second.State.Find("licence")!.Status);
    }

    [Fact]
    public void FinishedApplications_AreDropped_AndAFullCacheStartsOver()
    {
        var cache = new CommittedApplications(2);
        var finished = Application();
        cache.Committed([finished]);
        finished.Status = ApplicationStatuses.Completed;
        cache.Committed([finished]);
        Assert.False(cache.TryGet(finished.Id, out _));

        var a = Application();
        var b = Application();
        var c = Application();
        cache.Committed([a, b]);
        cache.Committed([c]);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(c.Id, out _));
        cache.Forget([c.Id]);
        Assert.False(cache.TryGet(c.Id, out _));
    }

    [Fact]
    public void ASizeOfZero_RemembersNothing()
    {
        var cache = new CommittedApplications(0);
        var application = Application();

        cache.Committed([application]);

        Assert.False(cache.TryGet(application.Id, out _));
    }
}
