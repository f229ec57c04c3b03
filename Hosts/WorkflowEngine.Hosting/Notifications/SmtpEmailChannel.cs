using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using WorkflowEngine.Runtime.Notifications;

namespace WorkflowEngine.Hosting.Notifications;

/// <summary>
/// E-mail through an SMTP server with MailKit, one connection per message (a few a minute, not worth a pool). A
/// server's 5xx answer to the recipient or the message is final; anything else (4xx, a connection that fails) is tried
/// again by the relay.
/// </summary>
public sealed class SmtpEmailChannel(EmailChannelOptions options) : INotificationChannel
{
    private readonly MailboxAddress _from = MailboxAddress.Parse(options.From ?? throw new InvalidOperationException("Notifications:Email:From is required."));

    public string Name => NotificationChannelNames.Email;

    public async Task SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!MailboxAddress.TryParse(delivery.Recipient, out var to))
        {
            throw new NotificationRejectedException($"“{delivery.Recipient}” is no e-mail address.");
        }

        var message = new MimeMessage();
        message.From.Add(_from);
        message.To.Add(to);
        message.Subject = delivery.Subject;
        message.Body = new TextPart("plain") { Text = delivery.Body };
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            var security = !options.UseTls ? SecureSocketOptions.None : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(options.Host ?? "", options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            throw new NotificationRejectedException($"The mail server refused the message: {(int)ex.StatusCode} {ex.Message}", ex);
        }
        catch (SmtpCommandException ex)
        {
            throw new IOException($"The mail server did not take the message now: {(int)ex.StatusCode} {ex.Message}", ex);
        }
    }
}
