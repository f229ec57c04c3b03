using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The database's account standings, counting the reads of each account: how often a request's check went to the database.</summary>
internal sealed class CountingAccountStandings(IAccountStandings inner) : IAccountStandings
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    public int ReadsOf(string userId) => _reads.GetValueOrDefault(userId);

    public Task<AccountStanding?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(userId, 1, (_, n) => n + 1);
        return inner.FindAsync(userId, cancellationToken);
    }
}
