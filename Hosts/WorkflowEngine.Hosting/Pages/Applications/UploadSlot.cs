namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// A material the applicant may upload now on the progress page: one a supplement request (补正) asks for, with each
/// department's reason, or one still missing or accepted as coming later (容缺), with the day it is due by. A request may
/// be answered an item at a time: <see cref="ReceivedAt"/> is when a file for this item came since it was asked for.
/// </summary>
public sealed record UploadSlot(string Key, string Name, IReadOnlyList<string> Reasons, DateTimeOffset? DueBy, bool Supplement, DateTimeOffset? ReceivedAt = null);
