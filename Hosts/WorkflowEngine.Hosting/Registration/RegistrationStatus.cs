namespace WorkflowEngine.Hosting.Registration;

/// <summary>How a step of self-registration, or of resetting a forgotten password, ended.</summary>
public enum RegistrationStatus
{
    /// <summary>A code was texted; the code page comes next.</summary>
    CodeSent,

    /// <summary>The code was right: the account exists and the applicant may be signed in.</summary>
    Registered,

    /// <summary>The code was right: the password is replaced, and the applicant signs in with it.</summary>
    PasswordReset,

    /// <summary>Something given is wrong: the errors name the fields.</summary>
    Invalid,

    /// <summary>Registration (and with it the reset) is not offered here (the availability says why).</summary>
    Unavailable,
}
