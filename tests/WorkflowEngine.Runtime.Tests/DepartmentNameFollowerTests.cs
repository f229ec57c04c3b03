using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Users;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>
/// The follower loop, driven by a fake clock: a department renamed on another process shows here once the follow
/// interval has passed on the <see cref="TimeProvider"/>, not before, and a failed round does not end the loop.
/// </summary>
public sealed class DepartmentNameFollowerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly Department Renamed = new("SAMR", new LocalizedText("市场监督管理局（综合窗口）", "Market Regulation (one window)"));

    [Fact]
    public async Task ADepartmentRenamedElsewhere_ShowsOnceTheIntervalHasPassed_NotBefore()
    {
        var reference = ReferenceData.Load(RepositoryPaths.Definitions);
        var before = reference.Departments["SAMR"].Name.Zh;
        var stored = new StoredEdits();
        var clock = new WaitCountingClock();
        using var follower = Follower(stored, reference, clock);
        await follower.StartAsync(CancellationToken.None);
        await clock.WaitingAsync(1);

        stored.Edited = [Renamed];
        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        await Task.Yield();
        Assert.Equal(0, stored.Reads);
        Assert.Equal(before, reference.Departments["SAMR"].Name.Zh);

        clock.Advance(TimeSpan.FromSeconds(1));
        await AllInOneHost.EventuallyAsync(() => Task.FromResult(reference.Departments["SAMR"].Name.Zh), n => n == Renamed.Name.Zh, "the new name", 5);

        // And again on the next beat: the loop goes on.
        stored.Edited = [Renamed with { Name = new LocalizedText("市场监管局") }];
        await clock.WaitingAsync(2);
        clock.Advance(Interval);
        await AllInOneHost.EventuallyAsync(() => Task.FromResult(reference.Departments["SAMR"].Name.Zh), n => n == "市场监管局", "the second new name", 5);
        await follower.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ARoundThatFails_IsFollowedByTheNextOne()
    {
        var reference = ReferenceData.Load(RepositoryPaths.Definitions);
        var stored = new StoredEdits { FailNext = true, Edited = [Renamed] };
        var clock = new WaitCountingClock();
        using var follower = Follower(stored, reference, clock);
        await follower.StartAsync(CancellationToken.None);
        await clock.WaitingAsync(1);

        clock.Advance(Interval);
        await clock.WaitingAsync(2);
        Assert.Equal(1, stored.Reads);
        Assert.NotEqual(Renamed.Name.Zh, reference.Departments["SAMR"].Name.Zh);

        clock.Advance(Interval);
        await AllInOneHost.EventuallyAsync(() => Task.FromResult(reference.Departments["SAMR"].Name.Zh), n => n == Renamed.Name.Zh, "the new name", 5);
        await follower.StopAsync(CancellationToken.None);
    }

    private static DepartmentNameFollower Follower(StoredEdits stored, ReferenceData reference, TimeProvider clock) =>
        new(stored, reference, clock, Options.Create(new EngineOptions { DepartmentFollowInterval = Interval }), NullLogger<DepartmentNameFollower>.Instance);

    /// <summary>
    /// A fake clock that counts the waits started on it: the loop runs on a thread of its own, so a test advances the
    /// clock only once the loop waits on it.
    /// </summary>
    private sealed class WaitCountingClock() : FakeTimeProvider(AllInOneHost.MondayMorning)
    {
        private int _timers;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Counted once the timer is registered: counted before, a test could advance the clock past a timer that
            // did not exist yet, and the loop would wait forever.
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }

        public Task WaitingAsync(int waits) =>
            AllInOneHost.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref _timers)), t => t >= waits, $"wait {waits} of the loop", 5);
    }

    /// <summary>The departments table as another process left it.</summary>
    private sealed class StoredEdits : IDepartmentEntries
    {
        private int _reads;

        public volatile IReadOnlyList<Department> Edited = [];

        public volatile bool FailNext;

        public int Reads => Volatile.Read(ref _reads);

        public Task<IReadOnlyList<DirectoryDepartment>> EditedAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("The database is not reachable.");
            }

            return Task.FromResult<IReadOnlyList<DirectoryDepartment>>([.. Edited.Select(d => new DirectoryDepartment(d.Code, d.Name.Zh, d.Name.En, d.Description))]);
        }

        public Task<IReadOnlyList<DepartmentEntry>> ListAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> EditAsync(DirectoryDepartment department, AdminAuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
