namespace WorkflowEngine.Runtime.Users;

/// <summary>The contacts self-registered applicants left when registering (<see cref="IRegistrationCodes.CompleteAsync"/> keeps them), read.</summary>
public interface IApplicantContacts
{
    /// <summary>The user's contact, or null for an account that did not register itself (seeded, made by an administrator, from the identity platform).</summary>
    Task<ApplicantContact?> FindAsync(string userId, CancellationToken cancellationToken);
}
