namespace WorkflowEngine.Runtime.Users;

/// <summary>Reads an account's <see cref="AccountStanding"/> in one round trip, for the check every signed-in request makes.</summary>
public interface IAccountStandings
{
    /// <summary>The account's standing; null when there is no such account.</summary>
    Task<AccountStanding?> FindAsync(string userId, CancellationToken cancellationToken);
}
