using System.Text.Json.Nodes;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>Work for the engine's group committer.</summary>
public abstract class EngineWork : CommitWork
{
    public abstract Guid ApplicationId { get; }
}

/// <summary>Store a new application (with its materials) and, if everything required is there, start its flow.</summary>
public sealed class SubmitWork(ApplicationRecord application, IReadOnlyList<MaterialRecord> materials, WalkInIntake? intake = null) : EngineWork
{
    public ApplicationRecord Application { get; } = application;

    public IReadOnlyList<MaterialRecord> Materials { get; } = materials;

    /// <summary>Who submitted at the window, and for whom; null when the applicant submitted online.</summary>
    public WalkInIntake? Intake { get; } = intake;

    public override Guid ApplicationId => Application.Id;
}

/// <summary>Apply an event (a department's report, a timer) to an application; <see cref="MessageId"/> guards against redelivery.</summary>
public sealed class EventWork(Guid applicationId, WorkflowEvent evt, string? messageId) : EngineWork
{
    public WorkflowEvent Event { get; } = evt;

    public string? MessageId { get; } = messageId;

    public override Guid ApplicationId { get; } = applicationId;

    /// <summary>Keep what the interpreter made of the event in <see cref="Interpreted"/>, for a caller that reports on it.</summary>
    public bool Observe { get; init; }

    /// <summary>With <see cref="Observe"/>: the run that was committed; null when none was (held behind an incident, or failed).</summary>
    public Interpretation? Interpreted { get; internal set; }
}

/// <summary>One run of the interpreter as the engine committed it: the state before and what the event made of it.</summary>
public sealed record Interpretation(WorkflowDefinition Definition, InstanceState Before, InterpretResult Result);

/// <summary>Attach materials uploaded after submission; the flow starts when the last required one arrives.</summary>
public sealed class AttachMaterialsWork(Guid applicationId, IReadOnlyList<MaterialRecord> materials, ApplicantActor actor) : EngineWork
{
    public IReadOnlyList<MaterialRecord> Materials { get; } = materials;

    /// <summary>Who uploaded them: the applicant, or window staff for a walk-in citizen (the audit's actor).</summary>
    public ApplicantActor Actor { get; } = actor;

    /// <summary>
    /// Answers of the form that open supplement requests asked to correct, by field, validated and normalised as a
    /// submission's (a null value clears the answer); null or empty when the submission corrects none.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?>? Corrections { get; init; }

    public override Guid ApplicationId { get; } = applicationId;
}

/// <summary>An administrator retries or cancels the application of an open incident.</summary>
public sealed class ResolveIncidentWork(Guid applicationId, Guid incidentId, IncidentAction action, int? migrateToVersion, string actor, string? reason)
    : EngineWork
{
    public Guid IncidentId { get; } = incidentId;

    public IncidentAction Action { get; } = action;

    /// <summary>Retry: the published definition version to move the application to first; null keeps its version.</summary>
    public int? MigrateToVersion { get; } = migrateToVersion;

    public string Actor { get; } = actor;

    /// <summary>Cancel: why, for the applicant and the trail.</summary>
    public string? Reason { get; } = reason;

    public override Guid ApplicationId { get; } = applicationId;
}

/// <summary>Someone read the application's personal data: an audit line in its chain.</summary>
public sealed class RecordAccessWork(Guid applicationId, string actor, string what, IReadOnlyDictionary<string, string?>? detail) : EngineWork
{
    public string Actor { get; } = actor;

    public string What { get; } = what;

    public IReadOnlyDictionary<string, string?>? Detail { get; } = detail;

    public override Guid ApplicationId { get; } = applicationId;
}

/// <summary>
/// Replace a walk-in's query code (查询码补发): the new code's hash is stored in place of the old one, with its audit line,
/// in the same transaction. <see cref="Detail"/> goes into the line (whom the staff acted for, the page's request).
/// </summary>
public sealed class ReissueQueryCodeWork(Guid applicationId, string querySha256, string actor, IReadOnlyDictionary<string, string?> detail) : EngineWork
{
    public string QueryCodeSha256 { get; } = querySha256;

    /// <summary>The window staff member who checked the citizen's identity document.</summary>
    public string Actor { get; } = actor;

    public IReadOnlyDictionary<string, string?> Detail { get; } = detail;

    public override Guid ApplicationId { get; } = applicationId;
}

/// <summary>
/// Change the language e-mails and SMS to the applicant are written in (<see cref="ApplicantLanguages"/>), with its audit
/// line in the same transaction.
/// </summary>
public sealed class ChangeLanguageWork(Guid applicationId, string language, ApplicantActor actor) : EngineWork
{
    public string Language { get; } = language;

    /// <summary>The applicant, or window staff for a walk-in citizen (the audit's actor).</summary>
    public ApplicantActor Actor { get; } = actor;

    public override Guid ApplicationId { get; } = applicationId;
}

/// <summary>
/// Store the applicant's rating (好差评) of an ended application with its audit line, in the same transaction; once per
/// application. <see cref="Detail"/> goes into the line.
/// </summary>
public sealed class RateWork(RatingRecord rating, IReadOnlyDictionary<string, string?> detail) : EngineWork
{
    public RatingRecord Rating { get; } = rating;

    public IReadOnlyDictionary<string, string?> Detail { get; } = detail;

    public override Guid ApplicationId => Rating.ApplicationId;
}

/// <summary>
/// Store the applicant's ratings of single decided steps (一事一评) given on their own, each with its own audit line, in
/// the same transaction: as soon as a step is decided, before, without or after the overall rating; once per step. Each line's detail is <see cref="Detail"/> of its step.
/// </summary>
public sealed class RateStepsWork(Guid applicationId, IReadOnlyList<StepRatingRecord> steps, ApplicantActor actor) : EngineWork
{
    public IReadOnlyList<StepRatingRecord> Steps { get; } = steps;

    /// <summary>The applicant, or window staff for a walk-in citizen (the audit's actor).</summary>
    public ApplicantActor Actor { get; } = actor;

    public override Guid ApplicationId { get; } = applicationId;

    /// <summary>What a step's audit line says: its level and department, and the citizen window staff rated for.</summary>
    public IReadOnlyDictionary<string, string?> Detail(StepRatingRecord step) => new Dictionary<string, string?>
    {
        ["level"] = step.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["department"] = step.Department,
        ["onBehalfOf"] = Actor.OnBehalfOf,
    };
}

/// <summary>
/// Record an administrator's follow-up (整改) of a rating with its audit line, in the same transaction; once. Of the
/// overall rating, or of the rating of <see cref="Step"/> when it is set (一事一评).
/// </summary>
public sealed class FollowUpRatingWork(Guid applicationId, string note, string administrator, string? step = null) : EngineWork
{
    public string? Step { get; } = step;

    public string Note { get; } = note;

    public string Administrator { get; } = administrator;

    public override Guid ApplicationId { get; } = applicationId;
}
