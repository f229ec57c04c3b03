namespace WorkflowEngine.Runtime.Inbox;

/// <summary>How long the inbox remembers a message (section <c>Messaging</c> of the host's configuration).</summary>
public sealed class InboxOptions
{
    /// <summary>
    /// How long a consumed message's id is kept to refuse a redelivery of it. It must exceed the longest time a message
    /// can come again: the broker's redeliveries and retries take minutes, a department system re-sending an
    /// unconfirmed report or a replay of a failed message hours to days.
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the inbox is pruned.</summary>
    public TimeSpan InboxPruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most entries one delete takes, so that it holds the write lane and its locks only briefly.</summary>
    public int InboxPruneBatch { get; set; } = 1000;
}
