using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// In the one-time notice: the service guide (办事指南), each text in Chinese and, where the definition gives it,
/// English. <c>officeHours</c> is read from the definition's calendar; <c>delivery</c> holds <c>window</c>, <c>post</c>
/// or <c>electronic</c>; <c>visits</c> is how often the applicant comes to the hall at most (0: entirely online).
/// </summary>
public sealed record ServiceGuideDto(
    IReadOnlyList<LocalizedText> LegalBasis,
    IReadOnlyList<StepLegalBasisDto> StepLegalBasis,
    LocalizedText? Eligibility,
    GuideFees? Fees,
    ServicePlace? Place,
    LocalizedText? OfficeHours,
    LocalizedText? HoursNote,
    string? ConsultationPhone,
    string? ComplaintPhone,
    IReadOnlyList<string> Delivery,
    int? Visits);
