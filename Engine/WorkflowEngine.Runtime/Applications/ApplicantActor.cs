namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Who acts as an application's applicant (supplies materials, signs a commitment, withdraws): the applicant
/// themselves, or a member of the window staff (<see cref="Id"/>) for the citizen who walked in (<see cref="WalkInCitizen"/>).
/// </summary>
public sealed record ApplicantActor(string Id, string? WalkInCitizen = null)
{
    /// <summary>For the audit: whom the window staff acted for; null when the applicant acts.</summary>
    public string? OnBehalfOf => WalkInCitizen is null ? null : $"walk-in citizen {WalkInCitizen}";
}
