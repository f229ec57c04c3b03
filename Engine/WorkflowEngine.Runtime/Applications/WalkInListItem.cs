namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// One line of the window staff's list of walk-in applications: only what the list shows, with the materials an open
/// supplement request (补正) asks the citizen for (their keys in the definition of <see cref="ServiceVersion"/>; a field of
/// the form to correct as <see cref="FieldPrefix"/> and its key).
/// </summary>
public sealed record WalkInListItem(
    Guid Id, string TrackingNumber, string ServiceId, int ServiceVersion, string? ApplicantName, string Status, DateTimeOffset SubmittedAt, IReadOnlyList<string> AskedMaterials)
{
    public const string FieldPrefix = "form.";

    /// <summary>Whether the application waits for its citizen: a supplement asked, or materials still to come.</summary>
    public bool WaitsForCitizen => AskedMaterials.Count > 0 || Status == ApplicationStatuses.AwaitingMaterials;
}
