using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Forms;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Materials;
using WorkflowEngine.Runtime.Materials.Photos;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Accepts applications: validates the combined form and the materials against the service's latest published
/// definition, stores the files, and hands the application to the engine. A refused request stores nothing. A
/// submission under an idempotency key is made once: a retry gets the application the first made.
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

    /// <summary>Keyed submissions being made in this process: a concurrent duplicate waits for the first.</summary>
    private readonly ConcurrentDictionary<(string Applicant, string Key), InFlight> _inFlight = new();

    public Task<SubmissionOutcome> SubmitAsync(
        string serviceId,
        JsonObject? form,
        IReadOnlyList<UploadedMaterial> uploads,
        Applicant applicant,
        CancellationToken cancellationToken) =>
        SubmitAsync(serviceId, form, uploads, applicant, null, cancellationToken);

    /// <summary>
    /// Submits once per idempotency key. Duplicates in this process wait for the first and share its outcome; a
    /// duplicate from before a restart, or from another process, is found by its key in the database, whose unique
    /// index on (applicant, key) stops the last race.
    /// </summary>
    public async Task<SubmissionOutcome> SubmitAsync(
        string serviceId,
        JsonObject? form,
        IReadOnlyList<UploadedMaterial> uploads,
        Applicant applicant,
        IdempotencyKey? idempotency,
        CancellationToken cancellationToken)
    {
        if (idempotency is null)
        {
            return await SubmitNewAsync(serviceId, form, uploads, applicant, null, cancellationToken);
        }

        var slot = (applicant.Id, idempotency.Key);
        var mine = new InFlight(idempotency.RequestSha256);
        while (!_inFlight.TryAdd(slot, mine))
        {
            if (!_inFlight.TryGetValue(slot, out var first))
            {
                continue;
            }

            try
            {
                var outcome = await first.Outcome.Task.WaitAsync(cancellationToken);
                if (first.RequestSha256 == idempotency.RequestSha256)
                {
                    return outcome;
                }

                if (outcome.Application is not null)
                {
                    return Conflict();
                }

                // The first request was refused and left the key unused: this one goes ahead on its own.
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The first attempt failed (its caller went away, say): this one tries in its place.
            }
        }

        try
        {
            var outcome = await SubmitKeyedAsync(serviceId, form, uploads, applicant, idempotency, cancellationToken);
            _inFlight.TryRemove(KeyValuePair.Create(slot, mine));
            mine.Outcome.SetResult(outcome);
            return outcome;
        }
        catch (Exception ex)
        {
            _inFlight.TryRemove(KeyValuePair.Create(slot, mine));
            mine.Outcome.SetException(ex);

            // Observed here, so that with nobody waiting the failure is not reported again as unobserved.
            _ = mine.Outcome.Task.Exception;
            throw;
        }
    }

    private async Task<SubmissionOutcome> SubmitKeyedAsync(
        string serviceId,
        JsonObject? form,
        IReadOnlyList<UploadedMaterial> uploads,
        Applicant applicant,
        IdempotencyKey idempotency,
        CancellationToken cancellationToken)
    {
        if (await queries.FindByIdempotencyKeyAsync(applicant.Id, idempotency.Key, cancellationToken) is { } earlier)
        {
            return Replay(earlier, idempotency);
        }

        try
        {
            return await SubmitNewAsync(serviceId, form, uploads, applicant, idempotency, cancellationToken);
        }
        catch (DbException)
        {
            // Another process committed the same key first, and the unique index refused this one; anything else fails as it was.
            if (await queries.FindByIdempotencyKeyAsync(applicant.Id, idempotency.Key, cancellationToken) is { } raced)
            {
                return Replay(raced, idempotency);
            }

            throw;
        }
    }

    private static SubmissionOutcome Replay(ApplicationRecord earlier, IdempotencyKey idempotency) =>
        earlier.RequestSha256 == idempotency.RequestSha256 ? SubmissionOutcome.Accepted(earlier) : Conflict();

    private static SubmissionOutcome Conflict() => SubmissionOutcome.Of(
        SubmissionProblem.IdempotencyConflict,
        "这个 Idempotency-Key 已用于另一份申请（内容或文件不同）；重新提交同一份申请请用原来的内容，提交新申请请换一个新的键");

    private async Task<SubmissionOutcome> SubmitNewAsync(
        string serviceId,
        JsonObject? form,
        IReadOnlyList<UploadedMaterial> uploads,
        Applicant applicant,
        IdempotencyKey? idempotency,
        CancellationToken cancellationToken)
    {
        var definition = await definitions.GetLatestPublishedAsync(serviceId, cancellationToken);
        if (definition is null)
        {
            return SubmissionOutcome.Of(SubmissionProblem.UnknownService, $"没有已发布的事项“{serviceId}”");
        }

        var now = time.GetUtcNow();
        var (normalized, errors) = JudgeForm(definition, form, now);
        form = normalized;
        var photographed = await CheckUploadsAsync(definition, uploads, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return SubmissionOutcome.Invalid(Freeze(errors));
        }

        var id = Guid.CreateVersion7(now);
        var (materials, problem) = await StoreAsync(definition, id, uploads, photographed, now, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var formJson = (form ?? []).ToJsonString(StoredJson.Options);
        var application = new ApplicationRecord
        {
            Id = id,
            TrackingNumber = TrackingNumbers.New(now),
            ServiceId = definition.Id,
            ServiceVersion = definition.Version,
            ApplicantId = applicant.Id,
            ApplicantName = applicant.Name,
            Status = MaterialChecklist.ReadyToAccept(definition, materials, formJson) ? ApplicationStatuses.InProgress : ApplicationStatuses.AwaitingMaterials,
            FormJson = formJson,
            SubmittedAt = now,
            IdempotencyKey = idempotency?.Key,
            RequestSha256 = idempotency?.RequestSha256,
            QueryCodeSha256 = applicant.Intake?.QueryCodeSha256,
            Language = ApplicantLanguages.IsKnown(applicant.Language) ? applicant.Language : ApplicantLanguages.Chinese,
        };
        return SubmissionOutcome.Accepted(await engine.SubmitAsync(application, materials, applicant.Intake, cancellationToken));
    }

    /// <summary>
    /// The form's errors by field (<c>form.&lt;key&gt;</c>) as a submission of it now would be refused with, and the
    /// materials its answers call for, without submitting anything: what the apply page checks as the form is filled in.
    /// </summary>
    public FormCheck CheckForm(WorkflowDefinition definition, JsonObject? form)
    {
        var (normalized, errors) = JudgeForm(definition, form, time.GetUtcNow());
        return new FormCheck(Freeze(errors), MaterialConditions.Of(definition, normalized));
    }

    /// <summary>The one judgement of a form, for submitting and for checking: normalised (the canonical form that is stored), then validated.</summary>
    private static (JsonObject? Form, Dictionary<string, List<string>> Errors) JudgeForm(WorkflowDefinition definition, JsonObject? form, DateTimeOffset now)
    {
        // Checked and stored in its canonical form: the same answer is always stored the same way.
        form = form is null ? null : FormNormalizer.Normalize(definition, form);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var failure in FormValidator.Validate(new FormSubmission(definition, form, ChinaTime.DateOf(now))).Errors)
        {
            Add(errors, failure.PropertyName, failure.ErrorMessage);
        }

        return (form, errors);
    }

    /// <summary>
    /// Adds materials to a submitted application; the flow starts when the last required one arrives. <paramref name="actor"/>
    /// is the applicant, or window staff for a walk-in citizen.
    /// </summary>
    public Task<SubmissionOutcome> AttachAsync(Guid applicationId, IReadOnlyList<UploadedMaterial> uploads, ApplicantActor actor, CancellationToken cancellationToken) =>
        AttachAsync(applicationId, uploads, null, actor, cancellationToken);

    /// <summary>
    /// Adds materials and, with them, the form's answers open supplement requests (补正) ask to correct
    /// (<paramref name="corrections"/>, <c>{ "field": value }</c>): each judged as a submission's would be (normalised, then
    /// validated with the rest of the form as it stands), a wrong one refused by its field (<c>form.&lt;key&gt;</c>) and
    /// nothing stored. A field no open request asks about is refused as well.
    /// </summary>
    public async Task<SubmissionOutcome> AttachAsync(
        Guid applicationId, IReadOnlyList<UploadedMaterial> uploads, JsonObject? corrections, ApplicantActor actor, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(applicationId, cancellationToken) is not { } application)
        {
            return SubmissionOutcome.Of(SubmissionProblem.UnknownApplication, "没有这个申请");
        }

        if (ApplicationStatuses.IsFinished(application.Status))
        {
            return SubmissionOutcome.Of(SubmissionProblem.Closed, FormMessages.Say("该申请已办结，不能再上传材料", "The application is closed: no more materials can be uploaded"));
        }

        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var corrected = corrections is { Count: > 0 } ? JudgeCorrections(application, definition, corrections, errors) : null;
        if (uploads.Count == 0 && corrected is null && errors.Count == 0)
        {
            Add(errors, "materials", FormMessages.Say("没有收到文件", "No file was received"));
        }

        var photographed = await CheckUploadsAsync(definition, uploads, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return SubmissionOutcome.Invalid(Freeze(errors));
        }

        var (materials, problem) = await StoreAsync(definition, applicationId, uploads, photographed, time.GetUtcNow(), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var attached = await engine.AttachMaterialsAsync(applicationId, materials, corrected, actor, cancellationToken);
        if (attached.RefusedFields.Count > 0)
        {
            return SubmissionOutcome.Invalid(Freeze(attached.RefusedFields.ToDictionary(f => "form." + f, f => new List<string> { NotAsked(definition, f) })));
        }

        if (attached.IsRefused)
        {
            return SubmissionOutcome.Of(
                SubmissionProblem.Closed,
                FormMessages.Say(
                    $"申请已受理，已提交的材料（{string.Join("、", attached.RefusedKeys)}）只能在补正通知要求时替换；部门已据此办理的文件予以保留",
                    $"The application is accepted: materials already supplied ({string.Join(", ", attached.RefusedKeys)}) can be replaced only when a supplement request asks for them; the files the departments are working on are kept"));
        }

        return attached.Application is { } updated
            ? SubmissionOutcome.Accepted(updated)
            : SubmissionOutcome.Of(SubmissionProblem.UnknownApplication, "没有这个申请");
    }

    /// <summary>
    /// The corrected answers as they would be stored, judged as <c>POST /api/applications</c> judges them: the form as it
    /// stands with the corrections in it is normalised and validated, and the errors of the corrected fields are theirs.
    /// A field no open supplement request of the application asks about cannot be changed.
    /// </summary>
    private Dictionary<string, JsonNode?> JudgeCorrections(
        ApplicationRecord application, WorkflowDefinition definition, JsonObject corrections, Dictionary<string, List<string>> errors)
    {
        var asked = application.Status == ApplicationStatuses.InProgress
            ? application.State.Nodes.Values.Where(n => n is { Status: NodeStatus.Active, Supplement: not null })
                .SelectMany(n => n.Supplement!.Items.Select(i => i.Field).OfType<string>()).ToHashSet(StringComparer.Ordinal)
            : [];
        var form = StoredForm.Read(application.FormJson) ?? [];
        foreach (var (key, value) in corrections)
        {
            if (!asked.Contains(key))
            {
                Add(errors, "form." + key, NotAsked(definition, key));
                continue;
            }

            form[key] = value?.DeepClone();
        }

        if (errors.Count > 0)
        {
            return [];
        }

        var (normalized, judged) = JudgeForm(definition, form, time.GetUtcNow());
        foreach (var key in corrections.Select(c => c.Key))
        {
            if (judged.TryGetValue("form." + key, out var messages))
            {
                foreach (var message in messages)
                {
                    Add(errors, "form." + key, message);
                }
            }
        }

        return corrections.ToDictionary(c => c.Key, c => normalized?[c.Key]?.DeepClone(), StringComparer.Ordinal);
    }

    private static string NotAsked(WorkflowDefinition definition, string field) =>
        definition.Fields.TryGetValue(field, out var spec)
            ? FormMessages.Say($"{spec.Label.Zh}：没有补正通知要求更正这一项，不能修改", $"{FormMessages.Of(spec.Label)}: no supplement request asks to correct this answer, so it cannot be changed")
            : FormMessages.Say($"表单中没有“{field}”这一项", $"The form has no field \"{field}\"");

    /// <summary>
    /// Each upload names a listed material, once, under a safe file name in one of its formats, and its first bytes are
    /// that format's; or a material that takes PDF comes as photos of its pages (<see cref="PhotoPages"/>), each a real
    /// JPEG or PNG within the limits, to be assembled into one PDF. Read before anything is stored; returns the
    /// photographed materials' pages by key.
    /// </summary>
    private async Task<Dictionary<string, List<Photo>>> CheckUploadsAsync(
        WorkflowDefinition definition, IReadOnlyList<UploadedMaterial> uploads, Dictionary<string, List<string>> errors, CancellationToken cancellationToken)
    {
        var photographed = new Dictionary<string, List<Photo>>(StringComparer.Ordinal);
        var specs = definition.Materials.ToDictionary(m => m.Key, StringComparer.Ordinal);
        foreach (var group in uploads.GroupBy(u => u.Key, StringComparer.Ordinal))
        {
            var key = "materials." + group.Key;
            if (!specs.TryGetValue(group.Key, out var spec))
            {
                Add(errors, key, FormMessages.Say($"材料清单中没有“{group.Key}”（清单：{string.Join("、", specs.Keys)}）", $"The list of materials has no \"{group.Key}\" (the list: {string.Join(", ", specs.Keys)})"));
                continue;
            }

            var files = group.ToList();
            if (PhotoPages.AreAssembled(spec, files.Select(f => MaterialFormats.ExtensionOf(MaterialFileNames.WithoutFolders(f.FileName))).ToList()))
            {
                if (CheckPhotos(spec, files, errors) is { } pages)
                {
                    photographed[group.Key] = pages;
                }

                continue;
            }

            if (files.Count > 1)
            {
                Add(errors, key, PhotoPages.Allowed(spec)
                    ? FormMessages.Say(
                        $"{spec.Name.Zh}：每项材料只上传一个文件；拍照上传时，每个文件都须是 JPG 或 PNG 照片（共 {files.Count} 个文件）",
                        $"{FormMessages.Of(spec.Name)}: upload one file for each material; when photographing its pages, every file must be a JPG or PNG photo ({files.Count} files came)")
                    : FormMessages.Say($"{spec.Name.Zh}：每项材料只上传一个文件", $"{FormMessages.Of(spec.Name)}: upload one file for each material"));
            }

            foreach (var upload in files)
            {
                if (CheckFile(spec, upload, null, errors) is not { } fileName)
                {
                    continue;
                }

                var extension = MaterialFormats.ExtensionOf(fileName);
                if (spec.Formats.Count > 0 && !spec.Formats.Contains(extension, StringComparer.Ordinal))
                {
                    Add(errors, key, FormMessages.Say(
                        $"{spec.Name.Zh}：不接受“.{extension}”文件（可用格式：{string.Join("、", spec.Formats)}）",
                        $"{FormMessages.Of(spec.Name)}: \".{extension}\" files are not accepted (formats: {string.Join(", ", spec.Formats)})"));
                    continue;
                }

                var head = await ReadHeadAsync(upload.Content, cancellationToken);
                if (!MaterialFormats.Matches(extension, head))
                {
                    Add(errors, key, FormMessages.Say(
                        $"{spec.Name.Zh}：文件内容不是 .{extension} 格式（文件开头与该格式不符），请上传真实的 {extension.ToUpperInvariant()} 文件",
                        $"{FormMessages.Of(spec.Name)}: the content is not a .{extension} file (its start does not match the format); please upload a real {extension.ToUpperInvariant()} file"));
                }
            }
        }

        return photographed;
    }

    /// <summary>
    /// The photos of one material's pages, each read from its own bytes (a real JPEG or PNG of a size a camera takes),
    /// none empty, each and all together within the material's size; null, with the errors added, when any is refused.
    /// </summary>
    private List<Photo>? CheckPhotos(MaterialSpec spec, List<UploadedMaterial> files, Dictionary<string, List<string>> errors)
    {
        var key = "materials." + spec.Key;
        var name = FormMessages.Of(spec.Name);
        if (files.Count > PhotoLimits.MaxPhotos)
        {
            Add(errors, key, FormMessages.Say(
                $"{spec.Name.Zh}：拍照上传最多 {PhotoLimits.MaxPhotos} 张照片（每页一张），收到 {files.Count} 张；页数更多的材料请扫描为一个 PDF 上传",
                $"{name}: at most {PhotoLimits.MaxPhotos} photos (one per page) can be uploaded, {files.Count} came; scan a longer document into one PDF"));
            return null;
        }

        var limit = MaterialLimits.MaxBytesOf(spec, options.Value.MaxMaterialBytes);
        var before = errors.GetValueOrDefault(key)?.Count ?? 0;
        var pages = new List<Photo>();
        long total = 0;
        for (var i = 0; i < files.Count; i++)
        {
            total += files[i].Content.Length - files[i].Content.Position;
            if (CheckFile(spec, files[i], (i, limit), errors) is not { } fileName)
            {
                continue;
            }

            try
            {
                pages.Add(PhotoReader.Read(files[i].Content));
            }
            catch (PhotoRefusedException ex)
            {
                var which = PhotoPages.Which(i, fileName);
                Add(errors, key, FormMessages.Say($"{spec.Name.Zh}：{which}：{ex.Zh}", $"{name}: {which}: {ex.En}"));
            }
        }

        if (total > limit && pages.Count == files.Count)
        {
            Add(errors, key, FormMessages.Say(
                $"{spec.Name.Zh}：照片合计 {total / 1024d / 1024d:0.#} MB，超过该材料 {Megabytes(limit)} MB 的上限；请减少页数或降低照片分辨率",
                $"{name}: the photos come to {total / 1024d / 1024d:0.#} MB, over the material's limit of {Megabytes(limit)} MB; send fewer pages or take them at a lower resolution"));
        }

        return (errors.GetValueOrDefault(key)?.Count ?? 0) > before ? null : pages;
    }

    /// <summary>
    /// What every uploaded file is checked for, alone or as one of several photos of a material's pages: a name that may
    /// be kept, and some content; a photo (whose PDF is sized only once it is made) also within the material's limit
    /// on its own. A photo is named by its place among them ("第 2 张照片（IMG_0002.jpg）"). Returns the file's name
    /// without folders, or null with the error added.
    /// </summary>
    private static string? CheckFile(MaterialSpec spec, UploadedMaterial upload, (int Index, long Limit)? photo, Dictionary<string, List<string>> errors)
    {
        var key = "materials." + spec.Key;
        var name = FormMessages.Of(spec.Name);
        var fileName = MaterialFileNames.WithoutFolders(upload.FileName);
        if (MaterialFileNames.Problem(fileName) is { } nameProblem)
        {
            Add(errors, key, $"{spec.Name.Zh}：{(photo is { } unnamed ? PhotoPages.Which(unnamed.Index, "") : "")}{nameProblem}");
            return null;
        }

        var size = upload.Content.Length - upload.Content.Position;
        var which = photo is { } named ? PhotoPages.Which(named.Index, fileName) : null;
        if (size == 0)
        {
            Add(errors, key, which is null
                ? FormMessages.Say($"{spec.Name.Zh}：文件是空的", $"{name}: the file is empty")
                : FormMessages.Say($"{spec.Name.Zh}：{which}是空文件", $"{name}: {which} is empty"));
            return null;
        }

        if (photo is { } page && size > page.Limit)
        {
            Add(errors, key, FormMessages.Say($"{spec.Name.Zh}：{which}超过 {Megabytes(page.Limit)} MB 的上限", $"{name}: {which} is over the limit of {Megabytes(page.Limit)} MB"));
            return null;
        }

        return fileName;
    }

    /// <summary>A limit in MB as the messages give it (20, 2.5).</summary>
    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first bytes of an upload, leaving the stream where it was.</summary>
    private static async Task<byte[]> ReadHeadAsync(Stream content, CancellationToken cancellationToken)
    {
        if (!content.CanSeek)
        {
            throw new ArgumentException("An upload's content must be seekable: its first bytes are checked before it is stored.", nameof(content));
        }

        var start = content.Position;
        var head = new byte[MaterialFormats.SignatureLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        content.Position = start;
        return head[..read];
    }

    private async Task<(List<MaterialRecord> Materials, SubmissionOutcome? Problem)> StoreAsync(
        WorkflowDefinition definition,
        Guid applicationId,
        IReadOnlyList<UploadedMaterial> uploads,
        Dictionary<string, List<Photo>> photographed,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var materials = new List<MaterialRecord>();
        foreach (var group in uploads.GroupBy(u => u.Key, StringComparer.Ordinal))
        {
            var spec = definition.Materials.First(m => m.Key == group.Key);
            var limit = MaterialLimits.MaxBytesOf(spec, options.Value.MaxMaterialBytes);
            try
            {
                if (photographed.TryGetValue(group.Key, out var pages))
                {
                    materials.Add(await StorePhotosAsync(spec, applicationId, pages.Zip(group, (photo, upload) => (photo, upload.Content)).ToList(), limit, now, cancellationToken));
                    continue;
                }

                foreach (var upload in group)
                {
                    var blob = await blobs.PutAsync(upload.Content, limit, cancellationToken);
                    var fileName = MaterialFileNames.WithoutFolders(upload.FileName);

                    // The type of the format the content was checked against, never the one the client claimed.
                    materials.Add(new MaterialRecord(Guid.CreateVersion7(now), applicationId, upload.Key, fileName,
                        MaterialFormats.ContentTypeOf(MaterialFormats.ExtensionOf(fileName)), blob.Size, blob.Sha256, now));
                }
            }
            catch (BlobTooLargeException ex)
            {
                var message = photographed.ContainsKey(group.Key)
                    ? FormMessages.Say($"{spec.Name.Zh}：照片合成的 PDF {ex.Message}；请减少页数或降低照片分辨率", $"{FormMessages.Of(spec.Name)}: the PDF made of the photos is over the limit of {ex.MaxBytes / 1024d / 1024d:0.#} MB; send fewer pages or take them at a lower resolution")
                    : $"{spec.Name.Zh}：{ex.Message}";
                return (materials, SubmissionOutcome.Invalid(new Dictionary<string, string[]> { ["materials." + group.Key] = [message] }, SubmissionProblem.TooLarge));
            }
            catch (PhotoRefusedException ex)
            {
                // A PNG whose header was sound but whose image data is not: found only as it is decoded.
                return (materials, SubmissionOutcome.Invalid(new Dictionary<string, string[]> { ["materials." + group.Key] = [FormMessages.Say($"{spec.Name.Zh}：{ex.Zh}", $"{FormMessages.Of(spec.Name)}: {ex.En}")] }));
            }
        }

        return (materials, null);
    }

    /// <summary>
    /// The photos of a material's pages as one PDF, written to a temporary file (never whole in memory) and stored as
    /// the material, its record saying how many photos it was made of.
    /// </summary>
    private async Task<MaterialRecord> StorePhotosAsync(
        MaterialSpec spec, Guid applicationId, List<(Photo Photo, Stream Content)> pages, long limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var pdf = new FileStream(
            Path.Combine(Path.GetTempPath(), "wfe-photos-" + Guid.NewGuid().ToString("N") + ".pdf"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        PhotoPdf.Write(pages, pdf);
        pdf.Position = 0;
        var blob = await blobs.PutAsync(pdf, limit, cancellationToken);
        return new MaterialRecord(Guid.CreateVersion7(now), applicationId, spec.Key, PhotoPages.FileNameOf(spec), MaterialFormats.ContentTypeOf("pdf"), blob.Size, blob.Sha256, now)
        {
            PhotoPages = pages.Count,
        };
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    /// <summary>A keyed submission under way, and the request it was made with.</summary>
    private sealed class InFlight(string requestSha256)
    {
        public string RequestSha256 { get; } = requestSha256;

        public TaskCompletionSource<SubmissionOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
