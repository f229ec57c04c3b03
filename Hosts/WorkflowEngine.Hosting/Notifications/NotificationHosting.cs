using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime.Notifications;

namespace WorkflowEngine.Hosting.Notifications;

/// <summary>
/// Messages to applicants by e-mail and SMS where the engine runs: the channels section <c>Notifications</c> configures,
/// and the relay that sends what the engine commits. A setting that cannot work stops the host at its start, naming
/// the key, rather than fail each message later.
/// </summary>
public static class NotificationHosting
{
    public static WebApplicationBuilder AddApplicantNotifications(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Notifications").Get<NotificationOptions>() ?? new NotificationOptions();
        var channels = new HashSet<string>(StringComparer.Ordinal);
        var services = builder.Services;
        if (!string.IsNullOrWhiteSpace(options.Email.Host))
        {
            Require(!string.IsNullOrWhiteSpace(options.Email.From), "Notifications:Email:From is required with Notifications:Email:Host: the address applicants' e-mails come from.");
            Require(MailboxAddress.TryParse(options.Email.From, out _), $"Notifications:Email:From (“{options.Email.From}”) is no e-mail address.");
            Require(options.Email.Port is > 0 and < 65536, "Notifications:Email:Port is no TCP port.");
            Require(string.IsNullOrEmpty(options.Email.Username) || !string.IsNullOrEmpty(options.Email.Password), "Notifications:Email:Password is required with Notifications:Email:Username.");
            channels.Add(NotificationChannelNames.Email);
            services.AddSingleton<INotificationChannel>(new SmtpEmailChannel(options.Email));
        }

        if (!string.IsNullOrWhiteSpace(options.Sms.Url))
        {
            Require(Uri.TryCreate(options.Sms.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp),
                $"Notifications:Sms:Url (“{options.Sms.Url}”) is no absolute http(s) address.");
            Require(!string.IsNullOrEmpty(options.Sms.Secret), "Notifications:Sms:Secret is required with Notifications:Sms:Url: the gateway checks each request's signature with it.");
            channels.Add(NotificationChannelNames.Sms);
            services.AddSingleton<INotificationChannel>(sp => new HttpSmsChannel(options.Sms, sp.GetRequiredService<TimeProvider>()));
        }

        Require(options.MaxAttempts > 0, "Notifications:MaxAttempts must be at least 1.");
        Require(options.RetrySeconds >= 0 && options.PollSeconds > 0, "Notifications:RetrySeconds must not be negative, Notifications:PollSeconds must be positive.");
        var pages = builder.Configuration.GetSection("Pages").Get<PagesOptions>() ?? new PagesOptions();
        if (channels.Count > 0)
        {
            // The relay runs outside any request: the link in each message can only come from the configured address.
            Require(!string.IsNullOrWhiteSpace(pages.PublicBaseUrl),
                "Pages:PublicBaseUrl is required with Notifications:Email or Notifications:Sms: each message links to the applicant's progress page there.");
        }

        services.AddSingleton(new ApplicantMessageSettings
        {
            Channels = channels,
            PublicBaseUrl = pages.PublicBaseUrl?.Trim().TrimEnd('/') ?? "",
            Kinds = options.Kinds is { Length: > 0 } kinds ? kinds.ToHashSet(StringComparer.Ordinal) : ApplicantMessages.DefaultKinds,
            SmsSignature = options.Sms.Signature,
            MaxAttempts = options.MaxAttempts,
            FirstRetry = TimeSpan.FromSeconds(options.RetrySeconds),
            PollInterval = TimeSpan.FromSeconds(options.PollSeconds),
        });
        services.AddSingleton<ApplicantMessages>();
        services.AddSingleton<INotificationDeliveryStore, Persistence.Stores.SqlNotificationDeliveryStore>();
        if (channels.Count > 0)
        {
            services.AddHostedService<NotificationRelay>();
        }

        return builder;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
