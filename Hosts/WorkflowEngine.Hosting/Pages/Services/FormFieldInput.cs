using Microsoft.Extensions.Primitives;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>
/// One field of the combined form as <c>_FormField.cshtml</c> renders it: what to show in it (posted, or the answer it
/// has), its messages, how a date's <c>today</c> bound reads, and, where the form filled it from the applicant's account,
/// the note that says so (<paramref name="Offered"/>).
/// </summary>
public sealed record FormFieldInput(FormField Field, StringValues Posted, IReadOnlyList<string> Errors, Func<string?, string?> DateBound, string? Offered = null);
