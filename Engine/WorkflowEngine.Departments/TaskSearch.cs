namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// What a clerk typed to find a task, read two ways: a tracking number, whole or its beginning, as the look-ups read
/// one (<paramref name="TrackingNumber"/>, already normalized); or a part of the applicant's name
/// (<paramref name="ApplicantName"/>, matched whatever its letters' case).
/// </summary>
public sealed record TaskSearch(string TrackingNumber, string ApplicantName);
