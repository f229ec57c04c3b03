using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Forms;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Materials;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Accepts applications: validates the combined form and the materials against the service's latest published
/// definition, stores the files, and hands the application to the engine. A refused request stores nothing.
/// </summary>
public sealed class ApplicationService(
    DefinitionRegistry definitions,
    EngineProcessor engine,
    IApplicationQueries queries,
    IBlobStore blobs,
    TimeProvider time,
    IOptions<EngineOptions> options)
{
    private static readonly ApplicationFormValidator FormValidator = new();

    public async Task<SubmissionOutcome> SubmitAsync(
        string serviceId,
        JsonObject? form,
        IReadOnlyList<UploadedMaterial> uploads,
        Applicant applicant,
        CancellationToken cancellationToken)
    {
        var definition = await definitions.GetLatestPublishedAsync(serviceId, cancellationToken);
        if (definition is null)
        {
            return SubmissionOutcome.Of(SubmissionProblem.UnknownService, $"没有已发布的事项“{serviceId}”");
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var failure in FormValidator.Validate(new FormSubmission(definition, form, ChinaTime.DateOf(now))).Errors)
        {
            Add(errors, failure.PropertyName, failure.ErrorMessage);
        }

        CheckUploads(definition, uploads, errors);
        if (errors.Count > 0)
        {
            return SubmissionOutcome.Invalid(Freeze(errors));
        }

        var id = Guid.CreateVersion7(now);
        var (materials, problem) = await StoreAsync(definition, id, uploads, now, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var application = new ApplicationRecord
        {
            Id = id,
            TrackingNumber = TrackingNumbers.New(now),
            ServiceId = definition.Id,
            ServiceVersion = definition.Version,
            ApplicantId = applicant.Id,
            ApplicantName = applicant.Name,
            Status = MaterialChecklist.ReadyToAccept(definition, materials) ? ApplicationStatuses.InProgress : ApplicationStatuses.AwaitingMaterials,
            FormJson = (form ?? []).ToJsonString(StoredJson.Options),
            SubmittedAt = now,
        };
        return SubmissionOutcome.Accepted(await engine.SubmitAsync(application, materials, cancellationToken));
    }

    /// <summary>Adds materials to a submitted application; the flow starts when the last required one arrives.</summary>
    public async Task<SubmissionOutcome> AttachAsync(Guid applicationId, IReadOnlyList<UploadedMaterial> uploads, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(applicationId, cancellationToken) is not { } application)
        {
            return SubmissionOutcome.Of(SubmissionProblem.UnknownApplication, "没有这个申请");
        }

        if (application.Status is ApplicationStatuses.Completed or ApplicationStatuses.Rejected or ApplicationStatuses.Cancelled)
        {
            return SubmissionOutcome.Of(SubmissionProblem.Closed, "该申请已办结，不能再上传材料");
        }

        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (uploads.Count == 0)
        {
            Add(errors, "materials", "没有收到文件");
        }

        CheckUploads(definition, uploads, errors);
        if (errors.Count > 0)
        {
            return SubmissionOutcome.Invalid(Freeze(errors));
        }

        var (materials, problem) = await StoreAsync(definition, applicationId, uploads, time.GetUtcNow(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var attached = await engine.AttachMaterialsAsync(applicationId, materials, cancellationToken);
        if (attached.IsRefused)
        {
            return SubmissionOutcome.Of(
                SubmissionProblem.Closed,
                $"申请已受理，已提交的材料（{string.Join("、", attached.RefusedKeys)}）只能在补正通知要求时替换；部门已据此办理的文件予以保留");
        }

        return attached.Application is { } updated
            ? SubmissionOutcome.Accepted(updated)
            : SubmissionOutcome.Of(SubmissionProblem.UnknownApplication, "没有这个申请");
    }

    private static void CheckUploads(WorkflowDefinition definition, IReadOnlyList<UploadedMaterial> uploads, Dictionary<string, List<string>> errors)
    {
        var specs = definition.Materials.ToDictionary(m => m.Key, StringComparer.Ordinal);
        foreach (var group in uploads.GroupBy(u => u.Key, StringComparer.Ordinal))
        {
            var key = "materials." + group.Key;
            if (!specs.TryGetValue(group.Key, out var spec))
            {
                Add(errors, key, $"材料清单中没有“{group.Key}”（清单：{string.Join("、", specs.Keys)}）");
                continue;
            }

            if (group.Count() > 1)
            {
                Add(errors, key, $"{spec.Name.Zh}：每项材料只上传一个文件");
            }

            foreach (var upload in group)
            {
                var extension = Path.GetExtension(upload.FileName).TrimStart('.').ToLowerInvariant();
                if (spec.Formats.Count > 0 && !spec.Formats.Contains(extension, StringComparer.Ordinal))
                {
                    Add(errors, key, $"{spec.Name.Zh}：不接受“.{extension}”文件（可用格式：{string.Join("、", spec.Formats)}）");
                }
            }
        }
    }

    private async Task<(List<MaterialRecord> Materials, SubmissionOutcome? Problem)> StoreAsync(
        WorkflowDefinition definition,
        Guid applicationId,
        IReadOnlyList<UploadedMaterial> uploads,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var materials = new List<MaterialRecord>();
        foreach (var upload in uploads)
        {
            var spec = definition.Materials.First(m => m.Key == upload.Key);
            var limit = Math.Min(options.Value.MaxMaterialBytes, spec.MaxSizeMb is { } mb ? (long)(mb * 1024 * 1024) : long.MaxValue);
            try
            {
                var blob = await blobs.PutAsync(upload.Content, limit, cancellationToken);
                if (blob.Size == 0)
                {
                    return (materials, SubmissionOutcome.Invalid(new Dictionary<string, string[]>
                    {
                        ["materials." + upload.Key] = [$"{spec.Name.Zh}：文件是空的"],
                    }));
                }

                materials.Add(new MaterialRecord(Guid.CreateVersion7(now), applicationId, upload.Key, Path.GetFileName(upload.FileName),
                    upload.ContentType, blob.Size, blob.Sha256, now));
            }
            catch (BlobTooLargeException ex)
            {
                return (materials, SubmissionOutcome.Invalid(
                    new Dictionary<string, string[]> { ["materials." + upload.Key] = [$"{spec.Name.Zh}：{ex.Message}"] },
                    SubmissionProblem.TooLarge));
            }
        }

        return (materials, null);
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
