using System.Collections.Frozen;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Notifications;

/// <summary>
/// Turns a notification the engine commits into the e-mail and SMS it sends the applicant: short, in Chinese (the
/// e-mail with an English line, as no language preference is kept), with the tracking number and the link to the
/// progress page. Never the query code, nor anything of the form but what the notification itself says.
/// </summary>
public sealed class ApplicantMessages(ApplicantMessageSettings settings)
{
    private static readonly FrozenDictionary<string, (string Zh, string En)> Phrases = new Dictionary<string, (string, string)>
    {
        ["supplement-requested"] = ("需要补正材料", "supplementary material is requested"),
        ["supplement-reminder"] = ("补正材料期限将至", "the time to supply the requested material is running out"),
        ["supplement-expired"] = ("补正期限已过", "the time to supply the requested material has run out"),
        ["deferred-material-reminder"] = ("容缺后补的材料即将到期", "a material accepted to come later is due soon"),
        ["deferred-material-overdue"] = ("容缺后补的材料已逾期", "a material accepted to come later is overdue"),
        ["completed"] = ("已全部办结", "is complete"),
        ["rejected"] = ("未获批准", "was not approved"),
        ["cancelled"] = ("已终止办理", "was terminated"),
        ["commitment-revoked"] = ("告知承诺审批已撤销", "the approval on commitment was revoked"),
        ["certificates"] = ("证照已发放", "certificates were issued"),
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
        var (zh, en) = Phrases.TryGetValue(notification.Kind, out var phrase) ? phrase : ("有新的办理通知", "has a new notice");
        var link = Link(application);
        var number = application.TrackingNumber;
        if (email is not null && settings.Channels.Contains(NotificationChannelNames.Email))
        {
            var body = $"""
                {notification.Message}

                查看办理进度：{link}

                Your application {number}: {en}. {notification.MessageEn}
                Progress: {link}

                本邮件由系统自动发送，请勿回复。
                """;
            yield return new NotificationDelivery(application.Id, number, notification.Kind, NotificationChannelNames.Email, email,
                $"您的申请（{number}）{zh}", body, notification.At);
        }

        if (phone is not null && settings.Channels.Contains(NotificationChannelNames.Sms))
        {
            var text = $"{settings.SmsSignature}您的申请（{number}）{zh}，详情请查看：{link}";
            yield return new NotificationDelivery(application.Id, number, notification.Kind, NotificationChannelNames.Sms, phone,
                $"您的申请（{number}）{zh}", text, notification.At);
        }
    }

    /// <summary>
    /// The applicant's progress page; for a walk-in, who has no account, the public look-up, where the query code on
    /// the receipt opens it (the code is never sent).
    /// </summary>
    private string Link(ApplicationRecord application) =>
        application.IsWalkIn ? $"{settings.PublicBaseUrl}/track" : $"{settings.PublicBaseUrl}/applications/{application.Id}";
}
