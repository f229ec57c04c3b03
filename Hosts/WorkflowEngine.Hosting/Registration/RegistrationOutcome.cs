using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Registration;

/// <summary>
/// A step of self-registration or of a password reset: the number it concerns (normalised), the errors by field
/// (<c>mobile</c>, <c>email</c>, <c>displayName</c>, <c>password</c>, <c>repeat</c>, <c>code</c>), and once registered the user
/// and the stamp the session carries.
/// </summary>
public sealed record RegistrationOutcome(
    RegistrationStatus Status,
    string? Mobile = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    UserRecord? User = null,
    string? SecurityStamp = null)
{
    public IReadOnlyDictionary<string, string[]> FieldErrors => Errors ?? new Dictionary<string, string[]>();

    public static RegistrationOutcome Refused(string field, string message, string? mobile = null) =>
        new(RegistrationStatus.Invalid, mobile, new Dictionary<string, string[]> { [field] = [message] });
}
