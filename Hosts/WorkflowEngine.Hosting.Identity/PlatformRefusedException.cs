namespace WorkflowEngine.Hosting.Identity;

/// <summary>The platform's token was genuine, but the person it describes cannot sign in here (<see cref="PlatformFailures"/>).</summary>
public sealed class PlatformRefusedException(string code, string subject) : Exception($"The identity platform's user '{subject}' was refused: {code}.")
{
    public string Code { get; } = code;

    public string Subject { get; } = subject;
}
