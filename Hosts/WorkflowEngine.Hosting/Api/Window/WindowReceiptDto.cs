namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The receipt (受理回执) of a window submission: what <see cref="SubmittedDto"/> says, the applicant's name as
/// entered, and the query code (查询码) with which the citizen follows the application; the code is shown only here,
/// once, and kept only as a hash.
/// <see cref="TrackPath"/> is where the citizen looks the application up with both: the public look-up API until its
/// page is built.
/// A repeated request under the same <c>Idempotency-Key</c> answers 200 with the first application's receipt,
/// <see cref="Repeat"/> true, no <see cref="QueryCode"/> and a <see cref="Note"/> saying why: the code cannot be made
/// again from its hash, and keeping it readable would make the database a list of codes.
/// </summary>
public sealed record WindowReceiptDto(
    SubmittedDto Application, string ServiceTitle, string ApplicantName, string? QueryCode, string TrackPath, bool Repeat = false, string? Note = null);
