using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Calendars;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// Loading a year's holiday arrangement: the administrator pastes the notice (in the form of a <c>&lt;year&gt;.yaml</c>),
/// previews the due times of open applications it moves, then loads it — the same rules and recount as
/// <c>POST /api/calendars/{id}/years</c>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class CalendarYearModel(ReferenceData reference, CalendarUpdates updates, IOptions<RequestLimits> limits) : PageModel
{
    [BindProperty]
    public string? Calendar { get; set; }

    [BindProperty]
    public string? Arrangement { get; set; }

    public CalendarYearOutcome? Outcome { get; private set; }

    /// <summary>
    /// Every calendar: into one keeping its own years the notice is loaded (the calendars inheriting it follow); into an
    /// inheriting one, its own days of the year over its parent's notice.
    /// </summary>
    public IEnumerable<WorkingCalendar> Calendars =>
        reference.Calendars.Values.OrderBy(c => c.Data.YearsFrom is null ? 0 : 1).ThenBy(c => c.Id, StringComparer.Ordinal);

    /// <summary>The calendars taking their years from <paramref name="id"/>.</summary>
    public IReadOnlyList<WorkingCalendar> Inheriting(string id) => [.. reference.Following(id).Where(c => c.Id != id)];

    public void OnGet() => Calendar ??= Calendars.FirstOrDefault()?.Id;

    public Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken) => RunAsync(preview: true, cancellationToken);

    public Task<IActionResult> OnPostLoadAsync(CancellationToken cancellationToken) => RunAsync(preview: false, cancellationToken);

    private async Task<IActionResult> RunAsync(bool preview, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Arrangement))
        {
            ModelState.AddModelError(nameof(Arrangement), AdminText.Say("请粘贴一年的放假安排（year、source、holidays、makeUpWorkdays）", "Paste a year's arrangement (year, source, holidays, makeUpWorkdays)"));
            return Page();
        }

        if (System.Text.Encoding.UTF8.GetByteCount(Arrangement) > limits.Value.DefinitionBytes)
        {
            ModelState.AddModelError(nameof(Arrangement), AdminText.Say("放假安排过长", "The arrangement is too long"));
            return Page();
        }

        Outcome = await updates.LoadAsync(Calendar ?? "", Arrangement, User.Id(), preview, null, cancellationToken);
        switch (Outcome.Status)
        {
            case CalendarYearStatus.NotFound:
                ModelState.AddModelError(nameof(Calendar), AdminText.Say($"没有工作日历“{Calendar}”", $"There is no calendar \"{Calendar}\""));
                break;
            case CalendarYearStatus.Invalid:
                foreach (var error in Outcome.Errors)
                {
                    ModelState.AddModelError(nameof(Arrangement), AdminText.Say($"第 {error.Line} 行 {error.Path}：{error.Message}", $"Line {error.Line} {error.Path}: {error.MessageEn ?? error.Message}"));
                }

                break;
        }

        return Page();
    }
}
