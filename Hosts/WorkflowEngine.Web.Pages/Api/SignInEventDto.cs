using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>One sign-in event as administrators read it.</summary>
public sealed record SignInEventDto(DateTimeOffset At, string Kind, string UserName, string? UserId, string? ClientAddress, string Channel)
{
    public static SignInEventDto From(SignInEvent e) => new(e.At, e.Kind, e.UserName, e.UserId, e.ClientAddress, e.Channel);
}
