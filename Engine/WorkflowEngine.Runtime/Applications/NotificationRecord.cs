namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// A message to the applicant, shown on their application; <paramref name="MessageEn"/> is the same in English, absent
/// from rows written before notifications were kept in both languages and from definition texts with no English.
/// </summary>
public sealed record NotificationRecord(Guid ApplicationId, DateTimeOffset At, string Kind, string Message, string? MessageEn = null);
