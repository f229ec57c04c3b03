namespace WorkflowEngine.Runtime.Users;

/// <summary>What the resend throttles count since a moment: codes sent to a number (and the last), and requests from an address.</summary>
public sealed record CodeRequestCounts(int SentToNumber, DateTimeOffset? LastSentToNumber, int FromAddress);
