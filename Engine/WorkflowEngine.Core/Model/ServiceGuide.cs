namespace WorkflowEngine.Core.Model;

/// <summary>
/// The service guide (办事指南) beside the one-time notice: the law the service rests on, who may apply, the fees, where
/// and when to come, whom to call, how the result is delivered and how often the applicant comes to the hall. Written
/// under <c>guide:</c> in the definition; every part is optional, the office hours come from the calendar.
/// </summary>
public sealed record ServiceGuide
{
    /// <summary>设定依据: the laws and regulations the bundle as a whole rests on (a step's own under its <c>legalBasis</c>).</summary>
    public IReadOnlyList<LocalizedText>? LegalBasis { get; init; }

    /// <summary>办理对象与受理条件: who may apply, in words.</summary>
    public LocalizedText? Eligibility { get; init; }

    /// <summary>收费标准: free of charge, or the items charged.</summary>
    public GuideFees? Fees { get; init; }

    /// <summary>办理地点: the service hall, its address and the window.</summary>
    public ServicePlace? Place { get; init; }

    /// <summary>What the office hours of the calendar do not say (e.g. a Saturday morning service), added after them.</summary>
    public LocalizedText? HoursNote { get; init; }

    /// <summary>咨询电话.</summary>
    public string? ConsultationPhone { get; init; }

    /// <summary>监督投诉电话.</summary>
    public string? ComplaintPhone { get; init; }

    /// <summary>结果送达: the ways the applicant may receive the result, in the order offered.</summary>
    public IReadOnlyList<ResultDelivery>? Delivery { get; init; }

    /// <summary>到现场次数: how often the applicant comes to the hall at most (0: entirely online).</summary>
    public int? Visits { get; init; }
}
