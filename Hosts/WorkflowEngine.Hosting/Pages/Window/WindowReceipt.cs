using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Pages.Services;

namespace WorkflowEngine.Hosting.Pages.Window;

/// <summary>
/// What the printed receipt (受理回执) of a window submission shows: the application as submitted, the query code when
/// this post made it (null for a repeat of the same form: only the code's hash is kept), the citizen as entered, the
/// planned steps with their departments, and the staff member who took it in.
/// </summary>
public sealed record WindowReceipt(
    SubmittedDto Application,
    string ServiceTitle,
    string? QueryCode,
    string ApplicantName,
    string IdType,
    string MaskedIdNumber,
    IReadOnlyList<NoticeStep> Steps,
    IReadOnlyDictionary<string, string> MaterialNames,
    string StaffName);
