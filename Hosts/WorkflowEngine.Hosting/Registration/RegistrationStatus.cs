namespace WorkflowEngine.Hosting.Registration;

/// <summary>How a step of self-registration ended.</summary>
public enum RegistrationStatus
{
    /// <summary>A code was texted; the code page comes next.</summary>
    CodeSent,

    /// <summary>The code was right: the account exists and the applicant may be signed in.</summary>
    Registered,

    /// <summary>Something given is wrong: the errors name the fields.</summary>
    Invalid,

    /// <summary>Registration is not offered here (the availability says why).</summary>
    Unavailable,
}
