namespace WorkflowEngine.Runtime.Notifications;

/// <summary>
/// What the engine writes for the relay: the channels configured (none: nothing is queued), the address the links
/// point to, which notification kinds go out, and how the relay retries.
/// </summary>
public sealed record ApplicantMessageSettings
{
    /// <summary>The channels that send (<see cref="NotificationChannelNames"/>); empty, no message is queued.</summary>
    public IReadOnlySet<string> Channels { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The address citizens reach the pages at (<c>Pages:PublicBaseUrl</c>), without a trailing slash.</summary>
    public string PublicBaseUrl { get; init; } = "";

    /// <summary>The notification kinds sent; the others stay on the application's page only.</summary>
    public IReadOnlySet<string> Kinds { get; init; } = ApplicantMessages.DefaultKinds;

    /// <summary>Put before an SMS (<c>【某市政务服务】</c>) where the gateway does not add it itself.</summary>
    public string? SmsSignature { get; init; }

    /// <summary>Attempts before a message is given up and listed for the administrator.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait after the first failed attempt; doubled after each further one, up to an hour.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a relay holds the rows it took: longer than one send can take (the channels time out sooner).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    public int Batch { get; init; } = 20;

    public bool Enabled => Channels.Count > 0;
}
