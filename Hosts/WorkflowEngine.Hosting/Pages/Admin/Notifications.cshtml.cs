using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Notifications;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>The e-mails and SMS to applicants: those that failed for good with the reason (by default), each sent again by a button.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class NotificationsModel(INotificationDeliveryStore store, TimeProvider time) : PageModel
{
    /// <summary>The most messages the page lists.</summary>
    public const int MaxMessages = 200;

    /// <summary>failed (default), pending, sent or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = DeliveryStatuses.Failed;

    public IReadOnlyList<NotificationDelivery> Messages { get; private set; } = [];

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Messages = await ListAsync(cancellationToken);

    public async Task OnPostRetryAsync(long message, CancellationToken cancellationToken)
    {
        if (await store.RetryAsync(message, time.GetUtcNow(), cancellationToken))
        {
            Done = AdminText.Say("已重新排队发送。", "Queued to be sent again.");
        }
        else
        {
            Problem = AdminText.Say("没有这条发送失败的通知。", "No such failed message.");
        }

        Messages = await ListAsync(cancellationToken);
    }

    private Task<IReadOnlyList<NotificationDelivery>> ListAsync(CancellationToken cancellationToken)
    {
        Status = Status is DeliveryStatuses.Pending or DeliveryStatuses.Sent or "all" ? Status : DeliveryStatuses.Failed;
        return store.ListAsync(Status == "all" ? null : Status, MaxMessages, 0, cancellationToken);
    }
}
