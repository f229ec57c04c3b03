using System.Text.Json;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// 查询码补发: window staff give a walk-in citizen who lost the receipt a new query code, after checking their identity
/// document in person. The new code's hash replaces the old one in the application's commit loop, with the
/// <see cref="AuditTypes.QueryCodeReissued"/> line in the same transaction, so the old code stops working at once. The
/// one way it is done, for the API (<c>POST /api/applications/{id}/query-code</c>) and the walk-in's page alike.
/// Decided, withdrawn and cancelled applications get one too: the citizen looks the result up with it.
/// </summary>
public sealed class QueryCodeReissues(EngineProcessor engine, IApplicationQueries queries, TimeProvider time)
{
    /// <summary>The audit data's key for the page's form instance, by which a form sent again is known.</summary>
    public const string RequestKey = "request";

    /// <summary>
    /// Replaces the code of application <paramref name="applicationId"/> for <paramref name="actor"/>, who must be window
    /// staff acting for its walk-in citizen; null when it is not a walk-in's or there is none. With <paramref name="request"/>
    /// (the page's form instance) a form sent again, already carried out, replaces nothing and answers without a code: the
    /// code was on the first answer only, and a reload must not kill the code of a slip just printed.
    /// </summary>
    public async Task<QueryCodeReissue?> ReissueAsync(Guid applicationId, ApplicantActor actor, string? request, CancellationToken cancellationToken)
    {
        if (actor.WalkInCitizen is null)
        {
            return null;
        }

        if (request is { Length: > 0 } && await AlreadyDoneAsync(applicationId, request, cancellationToken) is { } done)
        {
            return done;
        }

        var code = QueryCodes.New();
        var detail = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["onBehalfOf"] = actor.OnBehalfOf,
            ["channel"] = WalkInIntake.Channel,
            ["identityChecked"] = "true",
        };
        if (request is { Length: > 0 })
        {
            detail[RequestKey] = request;
        }

        var at = time.GetUtcNow();
        return await engine.ReissueQueryCodeAsync(applicationId, QueryCodes.Hash(code)!, actor.Id, detail, cancellationToken) is { } application
            ? new QueryCodeReissue(application, code, at)
            : null;
    }

    private async Task<QueryCodeReissue?> AlreadyDoneAsync(Guid applicationId, string request, CancellationToken cancellationToken)
    {
        var line = (await queries.AuditAsync(applicationId, cancellationToken))
            .LastOrDefault(a => a.Type == AuditTypes.QueryCodeReissued && RequestOf(a.DataJson) == request);
        return line is not null && await queries.GetAsync(applicationId, cancellationToken) is { } application
            ? new QueryCodeReissue(application, null, line.At)
            : null;
    }

    private static string? RequestOf(string? dataJson)
    {
        if (dataJson is null)
        {
            return null;
        }

        using var data = JsonDocument.Parse(dataJson);
        return data.RootElement.TryGetProperty(RequestKey, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
