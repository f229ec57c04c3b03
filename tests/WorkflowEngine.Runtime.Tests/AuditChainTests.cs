using CsCheck;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>The hash chain of an audit trail: an intact trail verifies, and any one change to it is found where it is.</summary>
public sealed class AuditChainTests
{
    private static readonly Guid Application = Guid.Parse("019cac0f-2680-7072-a9e4-7b05628b26e6");
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static readonly Gen<AuditRecord> Line =
        from minutes in Gen.Int[0, 100_000]
        from type in Gen.OneOf("StepDispatched", "StepApproved", "ApplicationViewed", "IncidentRaised")
        from step in Gen.OneOf<string?>(null, "seal-engraving", "business-licence")
        from actor in Gen.OneOf<string?>(null, "zhangsan", "samr-clerk")
        from data in Gen.OneOf(Gen.Const((string?)null), Gen.String[0, 40].Select(s => (string?)s))
        select new AuditRecord(Application, Start.AddMinutes(minutes), type, step, actor, data);

    private static readonly Gen<AuditRecord[]> Trail = Line.Array[1, 30];

    [Fact]
    public void Verify_AnIntactTrail_Verifies()
    {
        Trail.Sample(lines =>
        {
            var (chained, sequence, head) = Chain(lines);
            Assert.True(AuditChain.Verify(chained, sequence, head).Verified);
        });
    }

    [Fact]
    public void Verify_AnEditedLine_IsFoundAtThatLine()
    {
        Gen.Select(Trail, Gen.Int, Gen.String[1, 10]).Sample((lines, pick, text) =>
        {
            var (chained, sequence, head) = Chain(lines);
            var at = Math.Abs(pick % chained.Count);
            var edited = chained.ToList();
            edited[at] = edited[at] with { DataJson = edited[at].DataJson + text };

            var result = AuditChain.Verify(edited, sequence, head);
            Assert.False(result.Verified);
            Assert.Equal(at + 1, result.BrokenPosition);
        });
    }

    [Fact]
    public void Verify_ADeletedOrMovedLine_BreaksTheChain()
    {
        Gen.Select(Trail.Where(t => t.Length > 1), Gen.Int, Gen.Int).Sample((lines, a, b) =>
        {
            var (chained, sequence, head) = Chain(lines);
            var deleted = chained.ToList();
            deleted.RemoveAt(Math.Abs(a % deleted.Count));
            Assert.False(AuditChain.Verify(deleted, sequence, head).Verified);

            var i = Math.Abs(a % chained.Count);
            var j = Math.Abs(b % chained.Count);
            if (i != j)
            {
                var moved = chained.ToList();
                (moved[i], moved[j]) = (moved[j], moved[i]);
                var result = AuditChain.Verify(moved, sequence, head);
                Assert.False(result.Verified);
                Assert.Equal(Math.Min(i, j) + 1, result.BrokenPosition);
            }
        });
    }

    [Fact]
    public void Verify_ALineAddedAtTheEnd_WithoutMovingTheHead_BreaksTheChain()
    {
        Gen.Select(Trail, Line).Sample((lines, extra) =>
        {
            var (chained, sequence, head) = Chain(lines);
            var added = chained.Append(AuditChain.Link(extra, sequence, head)).ToList();
            Assert.False(AuditChain.Verify(added, sequence, head).Verified);
        });
    }

    private static (List<AuditRecord> Lines, long Sequence, string? Head) Chain(IEnumerable<AuditRecord> lines)
    {
        var chained = new List<AuditRecord>();
        long sequence = 0;
        string? head = null;
        foreach (var line in lines)
        {
            var linked = AuditChain.Link(line, sequence, head) with { Id = sequence + 100 };
            chained.Add(linked);
            (sequence, head) = (linked.Sequence, linked.Hash);
        }

        return (chained, sequence, head);
    }
}
