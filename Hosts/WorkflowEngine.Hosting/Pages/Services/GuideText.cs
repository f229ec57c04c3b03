using System.Globalization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>
/// The words of the service guide (办事指南) on the one-time notice, in Chinese and English, as a typed table like
/// <see cref="PageText"/>: a missing translation is a compile error. The guide's own texts come from the definition.
/// </summary>
public sealed record GuideText
{
    public static GuideText Chinese { get; } = new()
    {
        Guide = "办事指南",
        GuideIntro = "办理这件事的依据、对象、费用、地点、时间、电话和结果送达方式。",
        LegalBasis = "设定依据",
        StepLegalBasisFormat = "{0}：",
        Eligibility = "办理对象与受理条件",
        Fees = "收费标准",
        Free = "不收费",
        FeeFormat = "{0}：{1} 元",
        FeeBasisFormat = "收费依据：{0}",
        Place = "办理地点",
        Hours = "办理时间",
        OfficeHoursFormat = "法定工作日 {0}（法定节假日除外）",
        PeriodSeparator = "、",
        ConsultationPhone = "咨询电话",
        ComplaintPhone = "监督投诉电话",
        Delivery = "结果送达",
        DeliveryWindow = "窗口领取",
        DeliveryPost = "免费邮寄送达",
        DeliveryElectronic = "电子证照（与纸质证照具有同等效力）",
        ListSeparator = "、",
        Visits = "到现场次数",
        VisitsNone = "0 次（全程网上办理）",
        VisitsOne = "最多 1 次（最多跑一次）",
        VisitsFormat = "最多 {0} 次",
    };

    public static GuideText English { get; } = Chinese with
    {
        Guide = "Service guide",
        GuideIntro = "The law this service rests on, who may apply, the fees, where and when, whom to call and how you receive the result.",
        LegalBasis = "Legal basis",
        StepLegalBasisFormat = "{0}:",
        Eligibility = "Who may apply",
        Fees = "Fees",
        Free = "Free of charge",
        FeeFormat = "{0}: {1} yuan",
        FeeBasisFormat = "Set by: {0}",
        Place = "Where",
        Hours = "Office hours",
        OfficeHoursFormat = "Working days, {0} (public holidays excepted)",
        PeriodSeparator = " and ",
        ConsultationPhone = "Enquiries",
        ComplaintPhone = "Complaints and supervision",
        Delivery = "How you receive the result",
        DeliveryWindow = "collected at the window",
        DeliveryPost = "posted free of charge",
        DeliveryElectronic = "electronic licence (valid as the paper one)",
        ListSeparator = "; ",
        Visits = "Visits to the hall",
        VisitsNone = "None (entirely online)",
        VisitsOne = "At most one",
        VisitsFormat = "At most {0}",
    };

    public static GuideText Current => PageText.IsEnglish(CultureInfo.CurrentUICulture) ? English : Chinese;

    public required string Guide { get; init; }

    public required string GuideIntro { get; init; }

    public required string LegalBasis { get; init; }

    /// <summary>A step's title before its own legal basis: {0} the title.</summary>
    public required string StepLegalBasisFormat { get; init; }

    public required string Eligibility { get; init; }

    public required string Fees { get; init; }

    public required string Free { get; init; }

    /// <summary>A fee: {0} what is charged, {1} the amount in yuan.</summary>
    public required string FeeFormat { get; init; }

    public required string FeeBasisFormat { get; init; }

    public required string Place { get; init; }

    public required string Hours { get; init; }

    /// <summary>The calendar's office hours in words: {0} its periods, joined by <see cref="PeriodSeparator"/>.</summary>
    public required string OfficeHoursFormat { get; init; }

    public required string PeriodSeparator { get; init; }

    public required string ConsultationPhone { get; init; }

    public required string ComplaintPhone { get; init; }

    public required string Delivery { get; init; }

    public required string DeliveryWindow { get; init; }

    public required string DeliveryPost { get; init; }

    public required string DeliveryElectronic { get; init; }

    public required string ListSeparator { get; init; }

    public required string Visits { get; init; }

    public required string VisitsNone { get; init; }

    public required string VisitsOne { get; init; }

    public required string VisitsFormat { get; init; }

    /// <summary>办理时间 in both languages, from the calendar's office hours: what the hall's opening is, typed once.</summary>
    public static LocalizedText OfficeHours(WorkingCalendar calendar) => new(Chinese.OfficeHoursOf(calendar), English.OfficeHoursOf(calendar));

    public string OfficeHoursOf(WorkingCalendar calendar) =>
        PageText.Format(OfficeHoursFormat, string.Join(PeriodSeparator, calendar.OfficeHours.Select(p => p.ToString())));

    public string Of(ResultDelivery delivery) => delivery switch
    {
        ResultDelivery.Window => DeliveryWindow,
        ResultDelivery.Post => DeliveryPost,
        _ => DeliveryElectronic,
    };

    /// <summary>到现场次数 in words, with the depth of online service it means.</summary>
    public string OfVisits(int visits) => visits switch
    {
        0 => VisitsNone,
        1 => VisitsOne,
        _ => PageText.Format(VisitsFormat, visits),
    };

    /// <summary>One fee in words: what is charged and how much.</summary>
    public string Fee(FeeItem fee, Func<LocalizedText?, string> of) =>
        string.Format(CultureInfo.InvariantCulture, FeeFormat, of(fee.Name), Amount(fee.Amount ?? 0));

    /// <summary>A fee's amount as a fee schedule prints it: 80.00, 1,000.00.</summary>
    public static string Amount(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>Both languages of a wording chosen from this table, for the API.</summary>
    public static LocalizedText Both(Func<GuideText, string> words) => new(words(Chinese), words(English));
}
