namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The receipt (受理回执) of a window submission: what <see cref="SubmittedDto"/> says, the applicant's name as
/// entered, and the query code (查询码) with which the citizen follows the application; the code is shown only here,
/// once, and kept only as a hash.
/// <see cref="TrackPath"/> is where the citizen looks the application up with both: the public look-up API until its
/// page is built.
/// </summary>
public sealed record WindowReceiptDto(SubmittedDto Application, string ServiceTitle, string ApplicantName, string QueryCode, string TrackPath);
