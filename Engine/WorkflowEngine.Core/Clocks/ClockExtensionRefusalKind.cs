namespace WorkflowEngine.Core.Clocks;

/// <summary>What kind of refusal it is, so that the API answers 404, 403, 409 or 422.</summary>
public enum ClockExtensionRefusalKind
{
    NotFound,
    Forbidden,
    Conflict,
    Unprocessable,
}
