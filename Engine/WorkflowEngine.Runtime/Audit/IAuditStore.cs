namespace WorkflowEngine.Runtime.Audit;

/// <summary>The audit chain over a whole database: hashing lines written before the chain existed, and checking everything.</summary>
public interface IAuditStore
{
    /// <summary>Gives the lines written before the hash chain existed their place in it; returns how many applications it chained.</summary>
    Task<int> BackfillAsync(CancellationToken cancellationToken);

    /// <summary>Checks every application's chain and head; stops at the first broken line.</summary>
    Task<AuditDatabaseVerification> VerifyAllAsync(CancellationToken cancellationToken);
}
