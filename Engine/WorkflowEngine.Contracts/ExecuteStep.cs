using System.Text.Json;

namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): carry out one step of an application. Contract version 1.
/// A redelivered message has the same message id; the department must not act on it twice.
/// </summary>
public sealed record ExecuteStep
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string TrackingNumber { get; init; }

    public required string ServiceId { get; init; }

    public int ServiceVersion { get; init; }

    public required string ServiceTitle { get; init; }

    /// <summary>
    /// <see cref="ServiceTitle"/> in English, where the definition gives it, for a department's English pages. Added to
    /// version 1; absent from older engines, and then a department shows the Chinese.
    /// </summary>
    public string? ServiceTitleEn { get; init; }

    public required string StepId { get; init; }

    /// <summary>1 for the first dispatch of the step; reports must echo it.</summary>
    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required string Title { get; init; }

    /// <summary>
    /// <see cref="Title"/> in English, where the definition gives it (a verification's reads "Verification: …"). Added to
    /// version 1; absent from older engines, and then a department shows the Chinese.
    /// </summary>
    public string? TitleEn { get; init; }

    /// <summary>The key of an automated handler; null means a clerk decides.</summary>
    public string? Handler { get; init; }

    /// <summary>The limit as users read it, e.g. "2 个工作小时".</summary>
    public string? Limit { get; init; }

    /// <summary>The same in English ("2 working hours"), for a department's English pages. Added to version 1 (additive); absent from older engines.</summary>
    public string? LimitEn { get; init; }

    /// <summary>
    /// The most working time, in office hours, the step's limit may be extended by in all (the definition's
    /// <c>maxExtension</c>, 10 working days unless it says otherwise). Added to version 1.
    /// </summary>
    public decimal? MaxExtensionHours { get; init; }

    /// <summary>The office hours of one working day on the engine's calendar, to weigh an extension asked in working days. Added to version 1.</summary>
    public decimal? WorkingDayHours { get; init; }

    /// <summary>
    /// The id of the working-time calendar the engine counts the step on (e.g. <c>cn-mainland</c>), so that a department
    /// host can count the working time it reports on the same one. Added to version 1.
    /// </summary>
    public string? CalendarId { get; init; }

    /// <summary>
    /// The version of that calendar when the step was dispatched: a short hash of what it counts with, which changes
    /// when a year's arrangement is loaded. A host holding another version fetches the calendar again. Added to version 1.
    /// </summary>
    public string? CalendarVersion { get; init; }

    public required DateTimeOffset DispatchedAt { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Present when <see cref="DueAt"/> is provisional: counted through a year with no holiday arrangement loaded. Added to version 1.</summary>
    public ProvisionalDueTime? DueProvisional { get; init; }

    /// <summary>
    /// The step's statutory limit (法定时限) as users read it, e.g. "3 个工作日", beside the promised <see cref="Limit"/>;
    /// null when the definition gives the step none. Added to version 1.
    /// </summary>
    public string? StatutoryLimit { get; init; }

    /// <summary>The same in English ("3 working days"). Added to version 1 (additive); absent from older engines.</summary>
    public string? StatutoryLimitEn { get; init; }

    /// <summary>When the step is due against <see cref="StatutoryLimit"/>, on the same clock as <see cref="DueAt"/>; null without one. Added to version 1.</summary>
    public DateTimeOffset? StatutoryDueAt { get; init; }

    /// <summary>Present when <see cref="StatutoryDueAt"/> is provisional, as <see cref="DueProvisional"/> is for <see cref="DueAt"/>. Added to version 1.</summary>
    public ProvisionalDueTime? StatutoryDueProvisional { get; init; }

    /// <summary>
    /// Until when the department may ask the applicant for supplementary material (补正), once and listing every item:
    /// five working days from the dispatch (行政许可法 Art. 32). Added to version 1.
    /// </summary>
    public DateTimeOffset? SupplementBy { get; init; }

    /// <summary>
    /// How many supplement requests the step may have in all, the first included (the definition's
    /// <c>supplements.maxRequests</c>, 2 unless it says otherwise); each after the first needs a supervisor's approval.
    /// Added to version 1.
    /// </summary>
    public int? MaxSupplementRequests { get; init; }

    public string? ApplicantName { get; init; }

    /// <summary>The whole combined form, so the clerk sees the application on one page.</summary>
    public JsonElement? Form { get; init; }

    /// <summary>
    /// The revision of <see cref="Form"/>: how many times the applicant's answers had been corrected (补正) when the step
    /// was sent, 0 or absent for the form as submitted. A department holding the application's form of a lower revision
    /// (<see cref="ApplicationFormCorrected.FormRevision"/>) keeps this one instead. Added to version 1 (additive).
    /// </summary>
    public int? FormRevision { get; init; }

    /// <summary>
    /// Every correction that made <see cref="Form"/>'s revision, oldest first, when <see cref="FormRevision"/> is above 0:
    /// a department receiving its first step of the application after a correction heard no
    /// <see cref="ApplicationFormCorrected"/>, and its clerk should still see which answers changed during the
    /// application, old → new. Keep each as that message's corrections are kept (once by application, revision and
    /// field). Added to version 1 (additive); absent from older engines and for the form as submitted.
    /// </summary>
    public IReadOnlyList<EarlierFormCorrection>? EarlierCorrections { get; init; }

    /// <summary>
    /// The labels of the form's fields, in the definition's order, so that a department (which has no definitions)
    /// shows "注册资本" rather than <c>registeredCapital</c>. Added to version 1; absent from older engines.
    /// </summary>
    public IReadOnlyList<FormFieldLabel>? FormLabels { get; init; }

    /// <summary>The materials this step uses, uploaded once by the applicant.</summary>
    public IReadOnlyList<MaterialReference> Materials { get; init; } = [];

    /// <summary>
    /// Present when this dispatch is the verification (事后核查) of a step approved on commitment: a new attempt of the
    /// step, decided as usual. Absent on every ordinary dispatch. Added to version 1.
    /// </summary>
    public CommitmentVerification? Verification { get; init; }

    /// <summary>
    /// Present when the step may be approved on the applicant's commitment (告知承诺制): the text an applicant signs on
    /// paper at the window, and its hash, which the completion's <see cref="StepCompleted.Commitment"/> names. Absent on a
    /// verification. Added to version 1.
    /// </summary>
    public CommitmentOffer? Commitment { get; init; }
}
