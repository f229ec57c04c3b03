using System.Collections.Frozen;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Notifications;

/// <summary>
/// Turns a notification the engine commits into the e-mail and SMS it sends the applicant: short, in the applicant's
/// language (<see cref="ApplicationRecord.Language"/>: Chinese, or English throughout), with the tracking number and the
/// link to the progress page in that language. Never the query code, nor anything of the form but what the notification
/// itself says.
/// </summary>
public sealed class ApplicantMessages(ApplicantMessageSettings settings)
{
    /// <summary>Each kind in a few words, after "您的申请（编号）" and after "Your application (number): ".</summary>
    private static readonly FrozenDictionary<string, (string Zh, string En)> Phrases = new Dictionary<string, (string, string)>
    {
        ["supplement-requested"] = ("需要补正材料", "Supplementary material is requested"),
        ["supplement-reminder"] = ("补正材料期限将至", "The time to supply the requested material is running out"),
        ["supplement-expired"] = ("补正期限已过", "The time to supply the requested material has run out"),
        ["deferred-material-reminder"] = ("容缺后补的材料即将到期", "A material accepted to come later is due soon"),
        ["deferred-material-overdue"] = ("容缺后补的材料已逾期", "A material accepted to come later is overdue"),
        ["completed"] = ("已全部办结", "Every step is complete"),
        ["rejected"] = ("未获批准", "Not approved"),
        ["cancelled"] = ("已终止办理", "Handling was terminated"),
        ["commitment-revoked"] = ("告知承诺审批已撤销", "The approval on commitment was revoked"),
        ["certificates"] = ("证照已发放", "Certificates were issued"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>What the applicant must act on or has waited for: a supplement, a material due, the decision.</summary>
    public static IReadOnlySet<string> DefaultKinds { get; } = Phrases.Keys.ToFrozenSet(StringComparer.Ordinal);

    public bool Enabled => settings.Enabled;

    /// <summary>The messages for <paramref name="notification"/>: one per configured channel the applicant has a contact for.</summary>
    public IEnumerable<NotificationDelivery> For(NotificationRecord notification, ApplicationRecord application, WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(application);
        if (!settings.Enabled || !settings.Kinds.Contains(notification.Kind))
        {
            yield break;
        }

        var (phone, email) = NotificationContacts.Of(definition, application.FormJson);
        var (zh, en) = Phrases.TryGetValue(notification.Kind, out var phrase) ? phrase : ("有新的办理通知", "A new notice");
        var english = application.Language == ApplicantLanguages.English;
        var link = Link(application);
        var number = application.TrackingNumber;
        var subject = english ? $"Your application {number}: {en}" : $"您的申请（{number}）{zh}";
        if (email is not null && settings.Channels.Contains(NotificationChannelNames.Email))
        {
            // A notice kept before notifications had English has none: it is sent as it was written, after the English line.
            var body = english
                ? $"""
                    Your application {number}: {en}.

                    {notification.MessageEn ?? notification.Message}

                    Progress: {link}

                    This e-mail was sent automatically; please do not reply.
                    """
                : $"""
                    {notification.Message}

                    查看办理进度：{link}

                    本邮件由系统自动发送，请勿回复。
                    """;
            yield return new NotificationDelivery(application.Id, number, notification.Kind, NotificationChannelNames.Email, email, subject, body, notification.At);
        }

        if (phone is not null && settings.Channels.Contains(NotificationChannelNames.Sms))
        {
            var text = english
                ? $"{settings.SmsSignature}Your application {number}: {en}. Details: {link}"
                : $"{settings.SmsSignature}您的申请（{number}）{zh}，详情请查看：{link}";
            yield return new NotificationDelivery(application.Id, number, notification.Kind, NotificationChannelNames.Sms, phone, subject, text, notification.At);
        }
    }

    /// <summary>
    /// The applicant's progress page; for a walk-in, who has no account, the public look-up, where the query code on
    /// the receipt opens it (the code is never sent). For an English reader with <c>?culture=en</c>, which opens the
    /// page (and the sign-in before it) in English and keeps that choice; Chinese is the pages' default, so a Chinese
    /// link stays as short as an SMS wants it.
    /// </summary>
    private string Link(ApplicationRecord application)
    {
        var page = application.IsWalkIn ? $"{settings.PublicBaseUrl}/track" : $"{settings.PublicBaseUrl}/applications/{application.Id}";
        return application.Language == ApplicantLanguages.English ? $"{page}?{CultureQuery}={ApplicantLanguages.English}" : page;
    }

    /// <summary>The query parameter the pages read a link's language from.</summary>
    public const string CultureQuery = "culture";
}
