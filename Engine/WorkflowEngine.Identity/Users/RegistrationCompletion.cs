namespace WorkflowEngine.Runtime.Users;

/// <summary>How completing a registration with a code ended.</summary>
public enum RegistrationCompletion
{
    /// <summary>The account was made, and the code is gone.</summary>
    Registered,

    /// <summary>No pending registration matched the code while it was valid (used already, replaced, expired or out of tries).</summary>
    NotClaimed,

    /// <summary>The code was right, but an account with the number was made meanwhile; the code is used up.</summary>
    Taken,
}
