namespace WorkflowEngine.Hosting.Notifications;

/// <summary>
/// The SMS gateway (section <c>Notifications:Sms</c>): a JSON POST to <see cref="Url"/>, signed with HMAC-SHA256 under
/// <see cref="Secret"/>; no Url, no SMS.
/// </summary>
public sealed class SmsChannelOptions
{
    public string? Url { get; set; }

    /// <summary>The shared key of the signature; required with a Url.</summary>
    public string? Secret { get; set; }

    /// <summary>Which key signed (sent as <c>X-Sms-Key-Id</c>), for a gateway that holds several.</summary>
    public string? KeyId { get; set; }

    /// <summary>Put before each text (<c>【某市政务服务】</c>) where the gateway does not add the sender's signature itself.</summary>
    public string? Signature { get; set; }

    public int TimeoutSeconds { get; set; } = 15;
}
