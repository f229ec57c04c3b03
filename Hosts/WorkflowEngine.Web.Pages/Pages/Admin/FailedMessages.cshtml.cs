using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>Messages a receiver gave up on, with their error and body, each sent again by a button under the failed-messages API's rules.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class FailedMessagesModel(IFailedMessageStore store, TimeProvider time) : PageModel
{
    /// <summary>The most messages the page lists.</summary>
    public const int MaxMessages = 200;

    /// <summary>Also those sent again already.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    /// <summary>Instead of the failures, the messages of types added after this host's release that it ignored.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Ignored { get; set; }

    public IReadOnlyList<FailedMessageRecord> Messages { get; private set; } = [];

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Messages = await ListAsync(cancellationToken);

    public async Task OnPostReplayAsync(Guid message, CancellationToken cancellationToken)
    {
        var (replayed, problem) = await FailedMessageReplay.ReplayAsync(message, User.Id(), store, time, cancellationToken);
        if (problem is null)
        {
            Done = AdminText.Say($"已重发到 {replayed!.Queue}。", $"Sent again to {replayed!.Queue}.");
        }

        Problem = problem;
        Messages = await ListAsync(cancellationToken);
    }

    private Task<IReadOnlyList<FailedMessageRecord>> ListAsync(CancellationToken cancellationToken) =>
        Ignored ? store.ListIgnoredAsync(All, MaxMessages, 0, cancellationToken) : store.ListAsync(All, MaxMessages, 0, cancellationToken);
}
