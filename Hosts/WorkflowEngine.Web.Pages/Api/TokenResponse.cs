namespace WorkflowEngine.Hosting.Api;

/// <summary>A bearer token for <c>Authorization: Bearer …</c>, and when it stops being accepted.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, DateTimeOffset ExpiresAt);
