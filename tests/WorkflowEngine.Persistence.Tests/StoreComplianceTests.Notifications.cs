using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>The e-mails and SMS to applicants: committed with the engine's changes, leased to one relay, retried, given up, sent again.</summary>
public abstract partial class StoreComplianceTests
{
    [StoreFact]
    public async Task NotificationDeliveries_RelaysLeasingAtOnce_TakeEachRowOnce_ThenRetryFailAndListAsTold()
    {
        var changes = new EngineChanges();
        var applicationId = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
        {
            changes.Deliveries.Add(new NotificationDelivery(applicationId, "YB-1", "completed", NotificationChannelNames.Sms, "13800138000", "已办结", $"短信{i}", Now));
        }

        await SaveAsync(changes);
        var store = new SqlNotificationDeliveryStore(Database);
        var none = CancellationToken.None;
        var leases = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => store.LeaseAsync($"relay-{i}", Now, TimeSpan.FromMinutes(2), 2, none)));
        var taken = leases.SelectMany(l => l).Select(d => d.Sequence).ToArray();
        Assert.Equal(taken.Length, taken.Distinct().Count());
        // Held rows are nobody else's until their lease runs out.
        Assert.DoesNotContain(await store.LeaseAsync("late", Now.AddSeconds(30), TimeSpan.FromMinutes(2), 10, none), d => taken.Contains(d.Sequence));

        var owner = leases.Select((l, i) => (l, i)).First(x => x.l.Count > 0);
        var first = owner.l[0];
        await store.MarkFailedAsync($"relay-{owner.i}", first.Sequence, "gateway down", Now.AddMinutes(5), Now, none);
        Assert.False(await store.MarkSentAsync("someone-else", first.Sequence, Now, none));
        Assert.DoesNotContain(await store.LeaseAsync("early", Now.AddMinutes(4), TimeSpan.FromMinutes(2), 10, none), d => d.Sequence == first.Sequence);
        var retried = Assert.Single(await store.LeaseAsync("retry", Now.AddMinutes(5), TimeSpan.FromMinutes(2), 10, none), d => d.Sequence == first.Sequence);
        Assert.Equal(1, retried.Attempts);
        Assert.Equal("gateway down", retried.LastError);

        await store.MarkFailedAsync("retry", first.Sequence, "refused", null, Now.AddMinutes(5), none);
        var failed = Assert.Single(await store.ListAsync(DeliveryStatuses.Failed, 10, 0, none));
        Assert.Equal("refused", failed.LastError);
        Assert.Equal(2, failed.Attempts);
        Assert.True(await store.RetryAsync(first.Sequence, Now.AddMinutes(6), none));
        Assert.False(await store.RetryAsync(first.Sequence, Now.AddMinutes(6), none));
        var again = Assert.Single(await store.LeaseAsync("again", Now.AddMinutes(6), TimeSpan.FromMinutes(2), 10, none), d => d.Sequence == first.Sequence);
        Assert.True(await store.MarkSentAsync("again", again.Sequence, Now.AddMinutes(6), none));
        Assert.Contains(await store.ListAsync(DeliveryStatuses.Sent, 10, 0, none), d => d.Sequence == first.Sequence && d.FinishedAt == Now.AddMinutes(6));
        Assert.Equal(3, (await store.ListAsync(null, 10, 0, none)).Count);
    }
}
