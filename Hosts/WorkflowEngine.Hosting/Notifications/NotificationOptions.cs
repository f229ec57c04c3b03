namespace WorkflowEngine.Hosting.Notifications;

/// <summary>Messages to applicants by e-mail and SMS (section <c>Notifications</c>); nothing configured, nothing is sent or queued.</summary>
public sealed class NotificationOptions
{
    public EmailChannelOptions Email { get; set; } = new();

    public SmsChannelOptions Sms { get; set; } = new();

    /// <summary>The notification kinds sent; unset, those the applicant must act on or waits for (ApplicantMessages.DefaultKinds).</summary>
    public string[]? Kinds { get; set; }

    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt, doubled after each further one (up to an hour).</summary>
    public double RetrySeconds { get; set; } = 30;

    public double PollSeconds { get; set; } = 2;
}
