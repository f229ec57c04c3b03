namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// One group's figures: finishes; on-time counts and rates against the promised (承诺) and the statutory (法定) limit,
/// each over the finishes that had that limit (a rate is null where none had it: not applicable); the median and 90th
/// percentile of the government's handling time in working hours (bucket-accurate, over the <see cref="Timed"/>
/// finishes, less than 1, 8 or 20 hours too high up to 48, 480 or 1,440 hours; <see cref="MedianAtLeast"/>/<see cref="P90AtLeast"/>
/// when it lies past the last bucket's bound, so that the figure is only a floor: "1440 or more"); and the working hours the clocks ran (the government's), stood still for the applicant, and stood in
/// excluded periods, in total and per timed finish.
/// </summary>
public sealed record StatsFiguresDto(
    string? Department,
    string? DepartmentName,
    string? ServiceId,
    string? ServiceTitle,
    string? Month,
    long Finished,
    long Approved,
    long Rejected,
    long Revoked,
    long PromisedCounted,
    long OnTime,
    double? OnTimeRate,
    long StatutoryCounted,
    long WithinStatutory,
    double? StatutoryOnTimeRate,
    long Timed,
    double? MedianWorkingHours,
    double? P90WorkingHours,
    bool MedianAtLeast,
    bool P90AtLeast,
    double GovernmentWorkingHours,
    double ApplicantWorkingHours,
    double ExcludedWorkingHours,
    double? AverageGovernmentWorkingHours,
    double? AverageApplicantWorkingHours);
