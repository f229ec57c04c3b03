namespace WorkflowEngine.Hosting.Notifications;

/// <summary>The mail server applicants' e-mails go through (section <c>Notifications:Email</c>); no Host, no e-mail.</summary>
public sealed class EmailChannelOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>TLS from the start on port 465, STARTTLS on any other; false: plain (a relay on the local network only).</summary>
    public bool UseTls { get; set; } = true;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. <c>通知 &lt;noreply@zwfw.example.gov.cn&gt;</c>; required with a Host.</summary>
    public string? From { get; set; }

    /// <summary>How long one message may take to send.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
