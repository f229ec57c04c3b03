using System.Data.Common;

namespace WorkflowEngine.Persistence;

/// <summary>
/// The statements of one write transaction, gathered before any is sent, so that a database server can take them in
/// one round trip (<see cref="Dialects.ISqlDialect.ExecutePlanAsync"/>) instead of one per table: a group commit writes
/// up to a dozen tables, and on a server each wait for a reply costs both sides a context switch.
/// </summary>
/// <remarks>
/// A <em>guard</em> is a group whose every row must affect a row (an update at the version read, an inbox key not seen
/// before); when one affects fewer, another process got there first and the plan throws the guard's exception, which the
/// commit loops turn into a retry on fresh state. Where the statements are sent together, the ones after a lost guard
/// run too (the transaction is rolled back all the same) and may fail on a key the winner wrote; such a failure is
/// reported as the lost guard, which is what it is. Guards are therefore added before the statements they protect.
/// </remarks>
public sealed class WritePlan
{
    private readonly List<StatementGroup> _groups = [];

    /// <summary>The groups with at least one row, in the order they were added.</summary>
    public IReadOnlyList<StatementGroup> Groups => _groups;

    /// <summary>Runs <paramref name="command"/> for every row.</summary>
    public StatementGroup Add<T>(BatchCommand<T> command, IReadOnlyCollection<T> rows) => Added(new StatementGroup<T>(command, rows, false, null));

    /// <summary>Runs a statement that returns one value per row (an inserted id); read them from <see cref="StatementGroup.Returned"/>.</summary>
    public StatementGroup AddReturning<T>(BatchCommand<T> command, IReadOnlyCollection<T> rows) => Added(new StatementGroup<T>(command, rows, true, null));

    /// <summary>Runs <paramref name="command"/> for every row, each of which must affect a row; otherwise the plan throws <paramref name="lost"/>'s exception.</summary>
    public StatementGroup AddGuard<T>(BatchCommand<T> command, IReadOnlyCollection<T> rows, Func<Exception> lost) =>
        Added(new StatementGroup<T>(command, rows, false, lost));

    /// <summary>Runs the plan inside the scope's transaction, the dialect's way.</summary>
    public ValueTask ExecuteAsync(WriteScope scope, CancellationToken cancellationToken) =>
        _groups.Count == 0 ? ValueTask.CompletedTask : scope.Dialect.ExecutePlanAsync(scope, _groups, cancellationToken);

    /// <summary>
    /// Sends each group in turn (<see cref="Dialects.ISqlDialect.ExecuteBatchAsync"/>), stopping at the first lost guard:
    /// for SQLite, which has no round trips, and for providers that cannot send different statements together.
    /// </summary>
    public static async ValueTask ExecuteInTurnAsync(WriteScope scope, IReadOnlyList<StatementGroup> groups, CancellationToken cancellationToken)
    {
        foreach (var group in groups)
        {
            group.Affected = await group.ExecuteAloneAsync(scope, cancellationToken);
            group.ThrowIfLost();
        }
    }

    private StatementGroup Added(StatementGroup group)
    {
        if (group.Count > 0)
        {
            _groups.Add(group);
        }

        return group;
    }
}

/// <summary>One statement of a <see cref="WritePlan"/> and the rows it runs for; after the plan ran, what it did.</summary>
public abstract class StatementGroup
{
    private protected StatementGroup(int count, bool returning, Func<Exception>? lost)
    {
        Count = count;
        Returned = returning ? new long[count] : null;
        Lost = lost;
    }

    /// <summary>The rows, one statement each.</summary>
    public int Count { get; }

    /// <summary>The rows the statements affected in total, once the plan ran.</summary>
    public int Affected { get; internal set; }

    /// <summary>For a returning group, the value each row's statement returned, in row order.</summary>
    public long[]? Returned { get; }

    /// <summary>For a guard, the exception a lost race throws.</summary>
    internal Func<Exception>? Lost { get; }

    /// <summary>Whether this guard's rows affected fewer rows than it has: another process got there first.</summary>
    internal bool IsLost => Lost is not null && Affected < Count;

    internal void ThrowIfLost()
    {
        if (IsLost)
        {
            throw Lost!();
        }
    }

    /// <summary>Runs this group on its own, the dialect's way for one statement.</summary>
    internal abstract ValueTask<int> ExecuteAloneAsync(WriteScope scope, CancellationToken cancellationToken);

    /// <summary>Adds the statements of every row to <paramref name="batch"/>, in row order (numbered where <paramref name="positional"/>, as AdoNetBatch.AddStatement says).</summary>
    internal abstract void AddTo(DbBatch batch, bool positional);
}

internal sealed class StatementGroup<T>(BatchCommand<T> command, IReadOnlyCollection<T> rows, bool returning, Func<Exception>? lost)
    : StatementGroup(rows.Count, returning, lost)
{
    internal override ValueTask<int> ExecuteAloneAsync(WriteScope scope, CancellationToken cancellationToken) =>
        scope.Dialect.ExecuteBatchAsync(scope, command, rows, Returned, cancellationToken);

    internal override void AddTo(DbBatch batch, bool positional)
    {
        foreach (var row in rows)
        {
            AdoNetBatch.AddStatement(batch, command, row, positional);
        }
    }
}
