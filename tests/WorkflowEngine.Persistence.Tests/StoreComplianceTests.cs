using CsCheck;
using Dapper;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Persistence.Tests.Recording;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Compliance;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Inbox;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Timers;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// What every database dialect must do the same. One subclass per database runs the whole suite against a real server
/// (or file); the SQLite one always runs.
/// </summary>
public abstract partial class StoreComplianceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    protected Database Database { get; private set; } = null!;

    /// <summary>A fresh, empty, migrated database.</summary>
    protected abstract Task<Database> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        // Closes the write connection the database keeps open.
        await Database.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected static ApplicationRecord NewApplication(
        string? id = null,
        string? applicantName = "张三",
        string formJson = """{"companyName":"测试"}""",
        string serviceId = "business-opening",
        string applicantId = "zhangsan",
        DateTimeOffset? submittedAt = null)
    {
        var state = new InstanceState { StartedAt = Now };
        state.Nodes["licence"] = new NodeState { Status = NodeStatus.Active, Attempt = 1, Department = "SAMR", DueAt = Now.AddHours(2), Outputs = new() { ["n"] = "1" } };
        return new ApplicationRecord
        {
            Id = id is null ? Guid.CreateVersion7() : Guid.Parse(id),
            TrackingNumber = "YB20260302-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            ServiceId = serviceId,
            ServiceVersion = 3,
            ApplicantId = applicantId,
            ApplicantName = applicantName,
            Status = ApplicationStatuses.InProgress,
            FormJson = formJson,
            State = state,
            SubmittedAt = submittedAt ?? Now,
            AcceptedAt = Now,
            DueAt = Now.AddDays(1),
        };
    }

    /// <summary>
    /// The statement a changed calendar (a holiday year loaded) reads the applications to recount with, as the store sends
    /// it, with parameters of the kind it sends: to ask the database for its plan.
    /// </summary>
    protected async Task<(string Sql, object Parameters)> RecountQueryAsync()
    {
        var log = new SqlLog();
        await using (var recording = new Database(new RecordingDialect(Database.Dialect, log), "recording"))
        {
            await new SqlApplicationQueries(recording).ListOpenAsync(Guid.Empty, 200, CancellationToken.None);
        }

        return (Assert.Single(log.Texts), new
        {
            ApplicationStatuses.InProgress,
            ApplicationStatuses.Incident,
            Verification = "%" + CommitmentState.TimerSuffix,
            After = Guid.Empty.ToString(),
            Limit = 200,
            Offset = 0,
        });
    }

    protected Task SaveAsync(EngineChanges changes) => new SqlEngineStore(Database).SaveAsync(changes, Now, CancellationToken.None);

    /// <summary>Stores a new application in a change of its own.</summary>
    protected async Task<ApplicationRecord> SaveNewApplicationAsync()
    {
        var application = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.Add(application);
        await SaveAsync(changes);
        return application;
    }

    protected async Task<ApplicationRecord> LoadAsync(Guid id)
    {
        await using var reader = await new SqlEngineStore(Database).OpenReaderAsync(CancellationToken.None);
        return (await reader.LoadApplicationsAsync([id], CancellationToken.None)).Single();
    }

    [StoreFact]
    public async Task OpenWalkIns_ComeNewestFirst_APageAtATimeInOneQuery_AndAreFoundByNumberOrName()
    {
        var walkIns = Enumerable.Range(0, 55)
            .Select(i => NewApplication(applicantName: i == 7 ? "欧阳%娜" : $"申请人{i}", applicantId: WalkInIntake.OwnerPrefix + "gsc-window", submittedAt: Now.AddMinutes(i)))
            .ToArray();
        var finished = NewApplication(applicantName: "申请人1", applicantId: WalkInIntake.OwnerPrefix + "gsc-window", submittedAt: Now.AddHours(2));
        finished.Status = ApplicationStatuses.Completed;
        var changes = new EngineChanges();
        changes.Inserted.AddRange([.. walkIns, finished, NewApplication(applicantName: "申请人1", submittedAt: Now.AddHours(3))]);
        await SaveAsync(changes);
        var queries = new SqlApplicationQueries(Database);
        var log = new SqlLog();
        await using (var recording = new Database(new RecordingDialect(Database.Dialect, log), "recording"))
        {
            await new SqlApplicationQueries(recording).ListOpenWalkInsAsync(WalkInSearch.All, 50, 0, CancellationToken.None);
        }

        var first = await queries.ListOpenWalkInsAsync(WalkInSearch.All, 50, 0, CancellationToken.None);
        var second = await queries.ListOpenWalkInsAsync(WalkInSearch.All, 50, 50, CancellationToken.None);
        var byNumber = await queries.ListOpenWalkInsAsync(WalkInSearch.Of(" " + walkIns[3].TrackingNumber.ToLowerInvariant()), 50, 0, CancellationToken.None);
        var byPrefix = await queries.ListOpenWalkInsAsync(WalkInSearch.Of(walkIns[3].TrackingNumber[..^2]), 50, 0, CancellationToken.None);
        var byName = await queries.ListOpenWalkInsAsync(WalkInSearch.Of("申请人1"), 50, 0, CancellationToken.None);
        var byLiteralPercent = await queries.ListOpenWalkInsAsync(WalkInSearch.Of("%娜"), 50, 0, CancellationToken.None);

        Assert.Single(log.Texts);
        Assert.Equal((55, 55), (first.Total, second.Total));
        Assert.Equal(walkIns.Reverse().Take(50).Select(a => a.Id), first.Items.Select(i => i.Id));
        Assert.Equal(walkIns.Take(5).Reverse().Select(a => a.Id), second.Items.Select(i => i.Id));
        Assert.Equal(("申请人4", walkIns[4].TrackingNumber, Now.AddMinutes(4), 3), (second.Items[0].ApplicantName, second.Items[0].TrackingNumber, second.Items[0].SubmittedAt, second.Items[0].ServiceVersion));
        Assert.Equal(walkIns[3].Id, Assert.Single(byNumber.Items).Id);
        Assert.Contains(byPrefix.Items, i => i.Id == walkIns[3].Id);
        // 申请人1 and 申请人10 to 19, open and taken in at a window: not the finished one, nor the one applied for online.
        Assert.Equal(11, byName.Total);
        Assert.Equal(walkIns[7].Id, Assert.Single(byLiteralPercent.Items).Id);
    }

    [StoreFact]
    public async Task Application_RoundTrips_WithItsState()
    {
        var application = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.Add(application);

        await SaveAsync(changes);
        var loaded = await LoadAsync(application.Id);

        Assert.Equal(application.TrackingNumber, loaded.TrackingNumber);
        Assert.Equal(3, loaded.ServiceVersion);
        Assert.Equal(1, loaded.Version);
        Assert.Equal(application.DueAt, loaded.DueAt);
        Assert.Equal("SAMR", loaded.State.Find("licence")!.Department);
        Assert.Equal(Now.AddHours(2), loaded.State.Find("licence")!.DueAt);
        Assert.Equal("1", loaded.State.Find("licence")!.Outputs!["n"]);
    }

    [StoreFact]
    public async Task ApplicantLanguage_IsStored_ChineseByDefault_AndChangedByAnUpdate()
    {
        var english = NewApplication();
        english.Language = ApplicantLanguages.English;
        var chinese = NewApplication();
        var insert = new EngineChanges();
        insert.Inserted.AddRange([english, chinese]);
        await SaveAsync(insert);

        var changed = await LoadAsync(chinese.Id);
        Assert.Equal(ApplicantLanguages.Chinese, changed.Language);
        changed.Language = ApplicantLanguages.English;
        var update = new EngineChanges();
        update.Updated.Add(changed);
        await SaveAsync(update);

        Assert.Equal(ApplicantLanguages.English, (await LoadAsync(english.Id)).Language);
        Assert.Equal(ApplicantLanguages.English, (await LoadAsync(chinese.Id)).Language);
        Assert.Equal(ApplicantLanguages.English, (await new SqlApplicationQueries(Database).GetAsync(chinese.Id, CancellationToken.None))!.Language);
    }

    [StoreFact]
    public async Task CertificatesRevoked_ComeBackVoid_WithTheInstantAndReason_IssuedInTheSameCommitToo()
    {
        var application = await SaveNewApplicationAsync();
        var first = new EngineChanges();
        first.Certificates.Add(new CertificateRecord(application.Id, "issue", "竣工联合验收意见书", "quality", "{}", Now));
        await SaveAsync(first);
        Assert.Null(Assert.Single(await new SqlApplicationQueries(Database).CertificatesAsync(application.Id, CancellationToken.None)).RevokedAt);

        // The revocation is written after the certificates of its own commit, so those are void too.
        var revokedAt = Now.AddDays(80);
        var second = new EngineChanges();
        second.Certificates.Add(new CertificateRecord(application.Id, "issue", "不动产权证书", "registration", "{}", revokedAt));
        second.CertificateRevocations.Add(new CertificateRevocation(application.Id, "经事后核查，申请人未履行告知承诺", revokedAt, "The check found that the commitment was not kept"));
        await SaveAsync(second);
        var other = await SaveNewApplicationAsync();
        var third = new EngineChanges();
        third.Certificates.Add(new CertificateRecord(other.Id, "issue", "营业执照", "licence", "{}", Now));
        await SaveAsync(third);

        var certificates = await new SqlApplicationQueries(Database).CertificatesAsync(application.Id, CancellationToken.None);
        Assert.Equal(["竣工联合验收意见书", "不动产权证书"], certificates.Select(c => c.Name));
        Assert.All(certificates, c => Assert.Equal((revokedAt, "经事后核查，申请人未履行告知承诺", "The check found that the commitment was not kept"),
            (c.RevokedAt, c.RevokedReason, c.RevokedReasonEn)));
        Assert.Null(Assert.Single(await new SqlApplicationQueries(Database).CertificatesAsync(other.Id, CancellationToken.None)).RevokedAt);
    }

    [StoreFact]
    public async Task Text_KeepsEmptyApartFromMissing_AndChineseIntact()
    {
        // An empty applicant name must come back empty, not missing; Chinese must come back as written.
        var application = NewApplication(applicantName: "", formJson: """{"companyName":"福州闽江数字科技有限公司","note":""}""");
        var changes = new EngineChanges();
        changes.Inserted.Add(application);

        await SaveAsync(changes);
        var loaded = await LoadAsync(application.Id);

        Assert.Equal("", loaded.ApplicantName);
        Assert.Equal(application.FormJson, loaded.FormJson);
        Assert.Null(loaded.Reason);
    }

    [StoreFact]
    public async Task Text_KeepsRareCharactersAndLongJson_AsWritten()
    {
        // A rare character in a name (生僻字, outside the Basic Multilingual Plane) and a form longer than the
        // binding's stack buffer, in Chinese, each come back exactly as written.
        var scope = string.Concat(Enumerable.Repeat("软件开发；信息技术咨询服务；", 40));
        var application = NewApplication(applicantName: "\U00020BB7大明", formJson: $$"""{"companyName":"𠮷祥数字科技有限公司","businessScope":"{{scope}}"}""");
        var changes = new EngineChanges();
        changes.Inserted.Add(application);

        await SaveAsync(changes);
        var loaded = await LoadAsync(application.Id);

        Assert.Equal("\U00020BB7大明", loaded.ApplicantName);
        Assert.Equal(application.FormJson, loaded.FormJson);
        Assert.True(application.FormJson.Length > 512);
    }

    [StoreFact]
    public async Task StaleUpdate_Throws_AndWritesNothingOfItsBatch()
    {
        var application = NewApplication();
        var insert = new EngineChanges();
        insert.Inserted.Add(application);
        await SaveAsync(insert);
        var first = await LoadAsync(application.Id);
        var second = await LoadAsync(application.Id);
        first.Status = ApplicationStatuses.Completed;
        var winner = new EngineChanges();
        winner.Updated.Add(first);
        await SaveAsync(winner);

        second.Status = ApplicationStatuses.Rejected;
        var loser = new EngineChanges();
        loser.Audit.Add(new AuditRecord(application.Id, Now, "ShouldNotExist", null, null, null));
        loser.Updated.Add(second);
        await Assert.ThrowsAsync<ConcurrencyException>(() => SaveAsync(loser));

        Assert.Equal(ApplicationStatuses.Completed, (await LoadAsync(application.Id)).Status);
        var audit = await new SqlApplicationQueries(Database).AuditAsync(application.Id, CancellationToken.None);
        Assert.DoesNotContain(audit, a => a.Type == "ShouldNotExist");
    }

    [StoreFact]
    public async Task StaleUpdate_OfOneApplicationOfABatch_NamesThatApplication()
    {
        // The untouched application comes first both as given and in the key order the batch writes in.
        var untouched = NewApplication("00000000-0000-7000-8000-000000000001");
        var changed = NewApplication("00000000-0000-7000-8000-000000000002");
        var insert = new EngineChanges();
        insert.Inserted.Add(untouched);
        insert.Inserted.Add(changed);
        await SaveAsync(insert);
        var stale = await LoadAsync(changed.Id);
        var winner = new EngineChanges();
        winner.Updated.Add(await LoadAsync(changed.Id));
        await SaveAsync(winner);

        var loser = new EngineChanges();
        loser.Updated.Add(await LoadAsync(untouched.Id));
        loser.Updated.Add(stale);
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => SaveAsync(loser));

        Assert.Equal(changed.Id, conflict.ApplicationId);
        Assert.Contains(changed.Id.ToString(), conflict.Message, StringComparison.Ordinal);
    }

    /// <summary>Bug 9: a lost guard named only the first application changed meanwhile when several were.</summary>
    [StoreFact]
    public async Task StaleUpdate_OfSeveralApplicationsOfABatch_NamesThemAll()
    {
        var untouched = NewApplication("00000000-0000-7000-8000-000000000011");
        var first = NewApplication("00000000-0000-7000-8000-000000000012");
        var second = NewApplication("00000000-0000-7000-8000-000000000013");
        var insert = new EngineChanges();
        insert.Inserted.AddRange([untouched, first, second]);
        await SaveAsync(insert);
        var stale = new[] { await LoadAsync(first.Id), await LoadAsync(second.Id) };
        var winner = new EngineChanges();
        winner.Updated.AddRange([await LoadAsync(first.Id), await LoadAsync(second.Id)]);
        await SaveAsync(winner);

        var loser = new EngineChanges();
        loser.Updated.AddRange([await LoadAsync(untouched.Id), .. stale]);
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => SaveAsync(loser));

        Assert.Equal([first.Id, second.Id], conflict.ApplicationIds);
        Assert.Contains($"2 applications were changed concurrently: {first.Id}, {second.Id}.", conflict.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The reads of one answer (an application and its steps) see one committed state: a commit landing between them is
    /// seen by neither. PostgreSQL's READ COMMITTED would show it to the second read; SQLite's autocommit reads too.
    /// </summary>
    [StoreFact]
    public async Task ApplicationSnapshot_SeesNoCommitBetweenItsReads()
    {
        var application = NewApplication();
        var insert = new EngineChanges();
        insert.Inserted.Add(application);
        insert.Steps[(application.Id, "licence")] = LicenceStep(application.Id, StepStatuses.Dispatched);
        await SaveAsync(insert);
        var queries = new SqlApplicationQueries(Database);

        await using (var snapshot = await queries.OpenSnapshotAsync(CancellationToken.None))
        {
            Assert.Equal(ApplicationStatuses.InProgress, (await snapshot.GetAsync(application.Id, CancellationToken.None))!.Status);
            var approval = new EngineChanges();
            var read = await LoadAsync(application.Id);
            read.Status = ApplicationStatuses.Completed;
            approval.Updated.Add(read);
            approval.Steps[(application.Id, "licence")] = LicenceStep(application.Id, StepStatuses.Approved);
            approval.Audit.Add(new AuditRecord(application.Id, Now, "StepCompleted", "licence", null, null));
            await SaveAsync(approval);

            Assert.Equal(StepStatuses.Dispatched, Assert.Single(await snapshot.StepsAsync(application.Id, CancellationToken.None)).Status);
            Assert.Empty(await snapshot.AuditAsync(application.Id, CancellationToken.None));
            Assert.Equal(ApplicationStatuses.InProgress, (await snapshot.GetAsync(application.Id, CancellationToken.None))!.Status);
        }

        Assert.Equal(StepStatuses.Approved, Assert.Single(await queries.StepsAsync(application.Id, CancellationToken.None)).Status);
        Assert.Equal(ApplicationStatuses.Completed, (await queries.GetAsync(application.Id, CancellationToken.None))!.Status);
    }

    private static StepRecord LicenceStep(Guid applicationId, string status) => new()
    {
        ApplicationId = applicationId, StepId = "licence", Kind = "department-task", Department = "SAMR", Title = "营业执照", Status = status, Attempt = 1,
    };

    /// <summary>
    /// Two engine processes each took the same applicant's replacement of a material as its version 2. The loser's batch
    /// fails on the version it read, not on the material's key the winner wrote: where the statements of a commit are
    /// sent together (PostgreSQL), its material insert runs after the lost update and fails, and that failure must still
    /// come back as the lost race, which the commit loop retries on fresh state, not as an error that fails the work.
    /// </summary>
    [StoreFact]
    public async Task StaleUpdate_WhoseLaterStatementCollidesWithTheWinner_IsStillToldToRetry()
    {
        var application = await SaveNewApplicationAsync();
        var first = await LoadAsync(application.Id);
        var second = await LoadAsync(application.Id);
        EngineChanges Replacement(ApplicationRecord read, string fileName)
        {
            var changes = new EngineChanges();
            changes.Updated.Add(read);
            changes.Audit.Add(new AuditRecord(application.Id, Now, "MaterialReplaced", null, "zhangsan", null));
            changes.Materials.Add(new MaterialRecord(Guid.NewGuid(), application.Id, "articles", fileName, "application/pdf", 10, "sha", Now) { Version = 2 });
            return changes;
        }

        await SaveAsync(Replacement(first, "章程-甲.pdf"));

        await Assert.ThrowsAsync<ConcurrencyException>(() => SaveAsync(Replacement(second, "章程-乙.pdf")));
        var materials = await new SqlApplicationQueries(Database).MaterialsAsync(application.Id, CancellationToken.None);
        Assert.Equal("章程-甲.pdf", Assert.Single(materials, m => m.Version == 2).FileName);
        var audit = await new SqlApplicationQueries(Database).AuditAsync(application.Id, CancellationToken.None);
        Assert.Single(audit, a => a.Type == "MaterialReplaced");
    }

    [StoreFact]
    public async Task EngineInbox_RemembersConsumedMessages_AndRefusesToConsumeOneTwice()
    {
        var changes = new EngineChanges();
        changes.Inbox.Add("m-1");
        await SaveAsync(changes);

        await Assert.ThrowsAsync<ConcurrencyException>(() => SaveAsync(changes));
        await using var reader = await new SqlEngineStore(Database).OpenReaderAsync(CancellationToken.None);
        var seen = await reader.FindProcessedAsync(["m-1", "m-2"], CancellationToken.None);

        Assert.Equal(["m-1"], seen);
    }

    [StoreFact]
    public async Task Inbox_FindsAnyMessageIdAmongHundreds_WhateverItsCharacters()
    {
        // A department system that is not .NET may name its messages as it likes; a batch asks about hundreds at once.
        string[] odd = ["msg \"quoted\" \\ back", "报告-0001", "line\nbreak", "[\"not\", \"an array\"]"];
        var consumed = Enumerable.Range(0, 300).Select(i => $"m-{i}").Concat(odd).ToArray();
        var changes = new EngineChanges();
        foreach (var id in consumed.Where((_, i) => i % 2 == 0))
        {
            changes.Inbox.Add(id);
        }

        await SaveAsync(changes);
        await using var reader = await new SqlEngineStore(Database).OpenReaderAsync(CancellationToken.None);
        var seen = await reader.FindProcessedAsync([.. consumed, "m-1000"], CancellationToken.None);

        Assert.Equal(consumed.Where((_, i) => i % 2 == 0).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [StoreFact]
    public async Task Inbox_EntriesPastTheirRetention_ArePruned_WhileARecentDuplicateIsStillRefused()
    {
        var engine = new SqlEngineStore(Database);
        var departments = new SqlDepartmentStore(Database);
        var old = new EngineChanges();
        old.Inbox.Add("old-1");
        old.Inbox.Add("old-2");
        await engine.SaveAsync(old, Now, CancellationToken.None);
        var oldStep = new DepartmentChanges();
        oldStep.Inbox.Add(("department", "old-3"));
        await departments.SaveAsync(oldStep, Now, CancellationToken.None);
        var recent = new EngineChanges();
        recent.Inbox.Add("recent");
        await engine.SaveAsync(recent, Now.AddDays(6), CancellationToken.None);

        // A week and a minute later, one entry per delete: the three of the first day go, in three batches and a last empty one.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now.AddDays(7).AddMinutes(1));
        var pruner = InboxPrunerAt(clock, 1);
        Assert.Equal(3, await pruner.PruneAsync(CancellationToken.None));

        await Assert.ThrowsAsync<ConcurrencyException>(() => engine.SaveAsync(recent, clock.GetUtcNow(), CancellationToken.None));
        await using (var reader = await engine.OpenReaderAsync(CancellationToken.None))
        {
            Assert.Equal(["recent"], await reader.FindProcessedAsync(["old-1", "old-2", "recent"], CancellationToken.None));
        }

        await using (var reader = await departments.OpenReaderAsync(CancellationToken.None))
        {
            Assert.Empty(await reader.FindProcessedAsync("department", ["old-3"], CancellationToken.None));
        }

        Assert.Equal(0, await pruner.PruneAsync(CancellationToken.None));
    }

    /// <summary>
    /// The outboxes' message ids are version-7 UUIDs, ordered by the millisecond they were made: the prune finds those
    /// entries in each consumer's range of the key instead of through <c>ix_inbox_processed_at</c> (SQLite 0075), and
    /// still lets go only of what was taken before the retention's start. A message replayed days after its id was made
    /// is refused for the whole retention after its processing; an id made ahead of its processing (a sender's clock
    /// fast) is kept until its own time is past the retention too.
    /// </summary>
    [StoreFact]
    public async Task Inbox_TimeOrderedIds_ArePrunedByTheirIdRange_AndNoneTakenInsideTheRetention()
    {
        var engine = new SqlEngineStore(Database);
        var departments = new SqlDepartmentStore(Database);
        string Made(DateTimeOffset at) => Guid.CreateVersion7(at).ToString();
        var (old1, old2, oldDepartment) = (Made(Now.AddSeconds(-2)), Made(Now.AddSeconds(-1)), Made(Now));
        var fast = Made(Now.AddMinutes(30));
        var replayed = Made(Now.AddDays(-3));
        var recent = Made(Now.AddDays(6));
        var first = new EngineChanges();
        first.Inbox.AddRange([old1, old2, fast]);
        await engine.SaveAsync(first, Now, CancellationToken.None);
        var firstDepartment = new DepartmentChanges();
        firstDepartment.Inbox.Add(("department", oldDepartment));
        await departments.SaveAsync(firstDepartment, Now, CancellationToken.None);
        var later = new EngineChanges();
        later.Inbox.AddRange([replayed, recent]);
        await engine.SaveAsync(later, Now.AddDays(6), CancellationToken.None);

        // A week and a minute after the first day, one entry per delete: its three go; the fast one's id is not yet past.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now.AddDays(7).AddMinutes(1));
        var pruner = InboxPrunerAt(clock, 1);
        Assert.Equal(3, await pruner.PruneAsync(CancellationToken.None));

        var again = new EngineChanges();
        again.Inbox.Add(replayed);
        await Assert.ThrowsAsync<ConcurrencyException>(() => engine.SaveAsync(again, clock.GetUtcNow(), CancellationToken.None));
        await using (var reader = await engine.OpenReaderAsync(CancellationToken.None))
        {
            Assert.Equal(
                new[] { fast, replayed, recent }.Order(StringComparer.Ordinal),
                (await reader.FindProcessedAsync([old1, old2, fast, replayed, recent], CancellationToken.None)).Order(StringComparer.Ordinal));
        }

        await using (var reader = await departments.OpenReaderAsync(CancellationToken.None))
        {
            Assert.Empty(await reader.FindProcessedAsync("department", [oldDepartment], CancellationToken.None));
        }

        // Half an hour on, the fast id's own time is past the retention; the replay stays until a week after it came.
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await pruner.PruneAsync(CancellationToken.None));
        clock.SetUtcNow(Now.AddDays(13).AddMinutes(-1));
        Assert.Equal(0, await pruner.PruneAsync(CancellationToken.None));
        clock.SetUtcNow(Now.AddDays(13).AddMinutes(1));
        Assert.Equal(2, await pruner.PruneAsync(CancellationToken.None));
    }

    /// <summary>
    /// The entries taken before the upgrade to SQLite 0075 (PostgreSQL and SQL Server 0068, the department set's 0005)
    /// have no mark of how to find them: they stay in <c>ix_inbox_processed_at</c>, refused for their whole retention
    /// and pruned after it, whatever their ids.
    /// </summary>
    [StoreFact]
    public async Task Inbox_EntriesTakenBeforeTheUpgrade_AreRefusedInsideTheRetention_AndPrunedAfterIt()
    {
        var sqlServer = Database.Dialect is SqlServerDialect;
        var older = Guid.CreateVersion7(Now).ToString();
        var newer = Guid.CreateVersion7(Now.AddDays(3)).ToString();
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            // The installation before the upgrade: the inbox without the column, its index over every entry.
            await ExecuteAsync(connection, sqlServer ? "DROP INDEX ix_inbox_processed_at ON inbox" : "DROP INDEX ix_inbox_processed_at");
            if (sqlServer)
            {
                await ExecuteAsync(connection, "ALTER TABLE inbox DROP CONSTRAINT df_inbox_pruned_by_id");
            }

            await ExecuteAsync(connection, "ALTER TABLE inbox DROP COLUMN pruned_by_id");
            await ExecuteAsync(connection, "CREATE INDEX ix_inbox_processed_at ON inbox (processed_at)");
            await ExecuteAsync(connection, $"""
                INSERT INTO inbox (consumer, message_id, processed_at) VALUES
                ('engine', '{older}', {Now.ToUnixTimeMilliseconds()}), ('department', 'report-of-a-department-system', {Now.ToUnixTimeMilliseconds()}),
                ('engine', '{newer}', {Now.AddDays(3).ToUnixTimeMilliseconds()})
                """);
            await ExecuteAsync(connection, "DELETE FROM schemaversions WHERE scriptname LIKE '%inbox_pruned_by_id%'");
        }

        Database.Migrate();
        var engine = new SqlEngineStore(Database);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now.AddDays(7).AddMinutes(-1));
        var pruner = InboxPrunerAt(clock);
        Assert.Equal(0, await pruner.PruneAsync(CancellationToken.None));
        var again = new EngineChanges();
        again.Inbox.Add(older);
        await Assert.ThrowsAsync<ConcurrencyException>(() => engine.SaveAsync(again, clock.GetUtcNow(), CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, await pruner.PruneAsync(CancellationToken.None));
        await using var reader = await engine.OpenReaderAsync(CancellationToken.None);
        Assert.Equal([newer], await reader.FindProcessedAsync([older, newer], CancellationToken.None));
    }

    private InboxPruner InboxPrunerAt(TimeProvider clock, int batch = 1000) =>
        new(new SqlInboxStore(Database), clock, Microsoft.Extensions.Options.Options.Create(new InboxOptions { InboxPruneBatch = batch }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<InboxPruner>.Instance);

    [StoreFact]
    public async Task DepartmentInbox_RefusesTheSecondDelivery_AndKeepsConsumersApart()
    {
        var store = new SqlDepartmentStore(Database);
        var first = new DepartmentChanges();
        first.Inbox.Add(("department", "m-1"));
        await store.SaveAsync(first, Now, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(first, Now, CancellationToken.None));
        var other = new DepartmentChanges();
        other.Inbox.Add(("elsewhere", "m-1"));
        await store.SaveAsync(other, Now, CancellationToken.None);

        await using var reader = await store.OpenReaderAsync(CancellationToken.None);
        Assert.Equal(["m-1"], await reader.FindProcessedAsync("department", ["m-1", "m-2"], CancellationToken.None));
    }

    [StoreFact]
    public async Task TaskUpdate_FailsWhenTheTaskChangedSinceItWasRead()
    {
        var store = new SqlDepartmentStore(Database);
        var task = NewTask("claim-me", 1, TaskStatuses.Open);
        var insert = new DepartmentChanges();
        insert.Inserted.Add(task);
        await store.SaveAsync(insert, Now, CancellationToken.None);

        task.Status = TaskStatuses.Claimed;
        task.ClaimedBy = "clerk-a";
        var claimA = new DepartmentChanges();
        claimA.Updated.Add((task, TaskStatuses.Open, 0));
        await store.SaveAsync(claimA, Now, CancellationToken.None);

        task.ClaimedBy = "clerk-b";
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(claimA, Now, CancellationToken.None));
        await using var reader = await store.OpenReaderAsync(CancellationToken.None);
        Assert.Equal("clerk-a", (await reader.GetTasksAsync([task.Id], CancellationToken.None)).Single().ClaimedBy);
    }

    [StoreFact]
    public async Task TaskUpdate_FailsWhenTheDueTimeMovedSinceItWasRead()
    {
        var store = new SqlDepartmentStore(Database);
        var task = NewTask("extend-me", 1, TaskStatuses.Claimed);
        var insert = new DepartmentChanges();
        insert.Inserted.Add(task);
        await store.SaveAsync(insert, Now, CancellationToken.None);

        // The engine's announcement of an extension is written first ...
        var extended = Now.AddDays(1);
        task.DueAt = extended;
        task.DueRevision = 3;
        var announcement = new DepartmentChanges();
        announcement.Updated.Add((task, TaskStatuses.Claimed, 0));
        await store.SaveAsync(announcement, Now, CancellationToken.None);

        // ... so a decision that read the task before it, with the old due time, must be read again, not written.
        task.Status = TaskStatuses.Completed;
        task.DueAt = Now;
        task.DueRevision = 0;
        var staleDecision = new DepartmentChanges();
        staleDecision.Updated.Add((task, TaskStatuses.Claimed, 0));
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(staleDecision, Now, CancellationToken.None));
        await using var reader = await store.OpenReaderAsync(CancellationToken.None);
        var stored = (await reader.GetTasksAsync([task.Id], CancellationToken.None)).Single();
        Assert.Equal((TaskStatuses.Claimed, extended, 3), (stored.Status, stored.DueAt, stored.DueRevision));
    }

    /// <summary>
    /// Bug 9: a batch of several tasks changed meanwhile named the batch's first task's application, changed or not;
    /// now every task changed, with its application and step, and only those.
    /// </summary>
    [StoreFact]
    public async Task TaskUpdate_OfSeveralTasksChangedSinceRead_NamesEachOfThem()
    {
        var store = new SqlDepartmentStore(Database);
        var tasks = new[] { NewTask("a-step", 1, TaskStatuses.Open), NewTask("b-step", 1, TaskStatuses.Open), NewTask("c-step", 1, TaskStatuses.Open) };
        var insert = new DepartmentChanges();
        insert.Inserted.AddRange(tasks);
        await store.SaveAsync(insert, Now, CancellationToken.None);
        var untouched = tasks.OrderBy(t => t.Id).First();
        var changed = tasks.Where(t => t != untouched).OrderBy(t => t.Id).ToArray();
        var claims = new DepartmentChanges();
        foreach (var task in changed)
        {
            task.Status = TaskStatuses.Claimed;
            task.ClaimedBy = "clerk-a";
            claims.Updated.Add((task, TaskStatuses.Open, 0));
        }

        await store.SaveAsync(claims, Now, CancellationToken.None);

        var stale = new DepartmentChanges();
        foreach (var task in tasks)
        {
            task.Status = TaskStatuses.Claimed;
            task.ClaimedBy = "clerk-b";
            stale.Updated.Add((task, TaskStatuses.Open, 0));
        }

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(stale, Now, CancellationToken.None));
        Assert.Equal(changed.Select(t => t.ApplicationId), conflict.ApplicationIds);
        Assert.Equal(
            $"2 task(s) changed concurrently: {changed[0].Id} (application {changed[0].ApplicationId}, step {changed[0].StepId}), {changed[1].Id} (application {changed[1].ApplicationId}, step {changed[1].StepId}).",
            conflict.Message);
    }

    [StoreFact]
    public async Task TaskClock_IsKeptFromTheDispatch_AndWithEachPauseThatEnds()
    {
        var store = new SqlDepartmentStore(Database);
        var task = NewTask("count-me", 2, TaskStatuses.Open);
        task.Clock = new TaskClock("cn-mainland", "5d0c6f1e9a2b4c37", []);
        var insert = new DepartmentChanges();
        insert.Inserted.Add(task);
        await store.SaveAsync(insert, Now, CancellationToken.None);

        task.Clock = task.Clock with { Pauses = [new ClockPause(Now.AddMinutes(30), Now.AddDays(1))] };
        var paused = new DepartmentChanges();
        paused.Updated.Add((task, TaskStatuses.Open, 0));
        await store.SaveAsync(paused, Now, CancellationToken.None);

        await using var reader = await store.OpenReaderAsync(CancellationToken.None);
        var clock = (await reader.GetTasksAsync([task.Id], CancellationToken.None)).Single().Clock!;
        Assert.Equal(("cn-mainland", "5d0c6f1e9a2b4c37"), (clock.CalendarId, clock.CalendarVersion));
        Assert.Equal([new ClockPause(Now.AddMinutes(30), Now.AddDays(1))], clock.Pauses);
    }

    [StoreFact]
    public async Task TaskPayload_IsReadOnlyWhenAsked_AndRewrittenWithoutTouchingTheRest()
    {
        var store = new SqlDepartmentStore(Database);
        var task = NewTask("late-material", 1, TaskStatuses.Claimed);
        var other = NewTask("other", 1, TaskStatuses.Open);
        var insert = new DepartmentChanges();
        insert.Inserted.AddRange([task, other]);
        await store.SaveAsync(insert, Now, CancellationToken.None);

        var rewritten = new DepartmentChanges();
        rewritten.Payloads.Add((task.Id, """{"materials":[{"key":"archivesList","status":"received","version":1}]}"""));
        await store.SaveAsync(rewritten, Now, CancellationToken.None);

        await using var reader = await store.OpenReaderAsync(CancellationToken.None);
        var payloads = await reader.PayloadsOfAsync([task.Id, other.Id], CancellationToken.None);
        Assert.Contains("\"archivesList\"", payloads[task.Id], StringComparison.Ordinal);
        Assert.Equal("{}", payloads[other.Id]);
        Assert.Equal(TaskStatuses.Claimed, (await reader.GetTasksAsync([task.Id], CancellationToken.None)).Single().Status);
    }

    private static TaskRecord NewTask(string step, int hours, string status, (string Id, string Title)? service = null) => new()
    {
        Id = Guid.NewGuid(),
        ApplicationId = Guid.NewGuid(),
        TrackingNumber = "YB-" + step,
        ServiceId = service?.Id ?? "business-opening",
        ServiceTitle = service?.Title ?? "企业开办",
        ServiceTitleEn = service is null ? "Business opening" : null,
        StepId = step,
        Attempt = 1,
        Department = "SAMR",
        Title = step,
        Status = status,
        DispatchedAt = Now,
        DueAt = Now.AddHours(hours),
        ReceivedAt = Now,
        PayloadJson = "{}",
    };

    protected async Task<IReadOnlyList<OutboxMessage>> FillOutboxAsync(int count)
    {
        var changes = new EngineChanges();
        for (var i = 0; i < count; i++)
        {
            changes.Outbox.Add(new OutboxMessage(Guid.NewGuid(), "dept.SAMR", "ExecuteStep", "{}", Now));
        }

        await SaveAsync(changes);
        return changes.Outbox;
    }

    [StoreFact]
    public async Task Outbox_GivesEachRowToOneOwner_AndRetriesReleasedRowsLater()
    {
        await FillOutboxAsync(3);
        var outbox = new SqlOutboxStore(Database);

        var a = await outbox.LeaseAsync("a", Now, TimeSpan.FromSeconds(30), 2, CancellationToken.None);
        Assert.Equal(2, a.Count);
        Assert.True(a[0].Sequence < a[1].Sequence);
        if (Database.Dialect is SharedDatabaseDialect)
        {
            // Several processes: a leased row is nobody else's until the lease runs out.
            var b = await outbox.LeaseAsync("b", Now, TimeSpan.FromSeconds(30), 10, CancellationToken.None);
            Assert.Single(b);
            Assert.Empty(a.Select(m => m.Sequence).Intersect(b.Select(m => m.Sequence)));
            Assert.Empty(await outbox.LeaseAsync("c", Now.AddSeconds(10), TimeSpan.FromSeconds(30), 10, CancellationToken.None));
        }

        await outbox.DeleteAsync([a[0].Sequence], CancellationToken.None);
        await outbox.ReleaseAsync("a", a[1].Sequence, "broker down", Now.AddMinutes(5), CancellationToken.None);
        var beforeRetry = await outbox.LeaseAsync("c", Now.AddMinutes(1), TimeSpan.FromSeconds(30), 10, CancellationToken.None);
        Assert.DoesNotContain(beforeRetry, m => m.Sequence == a[0].Sequence || m.Sequence == a[1].Sequence);
        Assert.Single(beforeRetry);
        var retried = await outbox.LeaseAsync("d", Now.AddMinutes(6), TimeSpan.FromSeconds(30), 10, CancellationToken.None);
        Assert.Equal(1, retried.Single(m => m.Sequence == a[1].Sequence).Attempts);
        Assert.Equal(2, await outbox.CountAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task Outbox_ALeaseTakenOverAfterItRanOut_CanNeitherBeRenewedNorGivenBackByItsFormerHolder()
    {
        await FillOutboxAsync(2);
        var outbox = new SqlOutboxStore(Database);
        var lease = TimeSpan.FromSeconds(30);
        var rows = (await outbox.LeaseAsync("a", Now, lease, 10, CancellationToken.None)).Select(m => m.Sequence).ToArray();
        Assert.Equal(rows, await outbox.RenewAsync("a", rows, Now.AddSeconds(20), lease, CancellationToken.None));

        // The renewed lease holds past the first one's end; once it too runs out, another process takes the rows.
        if (Database.Dialect is SharedDatabaseDialect)
        {
            Assert.Empty(await outbox.LeaseAsync("b", Now.AddSeconds(40), lease, 10, CancellationToken.None));
        }

        Assert.Equal(rows, (await outbox.LeaseAsync("b", Now.AddSeconds(50), lease, 10, CancellationToken.None)).Select(m => m.Sequence));

        // The former holder, back from a stall, finds it holds nothing, and its failed publish frees nothing.
        Assert.Empty(await outbox.RenewAsync("a", rows, Now.AddSeconds(55), lease, CancellationToken.None));
        await outbox.ReleaseAsync("a", rows[0], "broker down", Now.AddSeconds(56), CancellationToken.None);
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var held = (await connection.QueryAsync<(string Owner, long Until, long Attempts)>("SELECT lease_owner, lease_until, attempts FROM outbox ORDER BY id")).ToArray();
        Assert.All(held, row => Assert.Equal(("b", Now.AddSeconds(80).ToUnixTimeMilliseconds(), 0L), row));
        Assert.Equal(rows, await outbox.RenewAsync("b", rows, Now.AddSeconds(60), lease, CancellationToken.None));
    }

    [StoreFact]
    public async Task Outbox_RowsCommittedWithARelay_GoStraightToIt_AndTheNextCommitDeletesWhatItPublished()
    {
        using var signal = new OutboxSignal();
        var relay = new CommittedOutbox(signal, Microsoft.Extensions.Options.Options.Create(new Runtime.EngineOptions
        {
            InstanceName = "engine-a",
            LeaseDuration = TimeSpan.FromSeconds(30),
        }));
        var store = new SqlEngineStore(Database, relay);
        var outbox = new SqlOutboxStore(Database);
        var changes = new EngineChanges();
        changes.Outbox.Add(new OutboxMessage(Guid.NewGuid(), "dept.SAMR", "ExecuteStep", "{}", Now));
        changes.Outbox.Add(new OutboxMessage(Guid.NewGuid(), "dept.TAX", "ExecuteStep", "{}", Now));

        await store.SaveAsync(changes, Now, CancellationToken.None);

        // The relay has them at once, in order, with the sequence they were stored under; the signal woke it.
        var handed = new List<OutboxMessage>();
        relay.TakeCommitted(handed, 10);
        Assert.Equal(changes.Outbox.Select(m => m.MessageId), handed.Select(m => m.MessageId));
        Assert.True(handed[0].Sequence > 0 && handed[1].Sequence > handed[0].Sequence);
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));

        // Leased to this process: its own poll leaves them to the handover while the lease runs.
        Assert.Empty(await outbox.LeaseAsync("engine-a", Now.AddSeconds(29), TimeSpan.FromSeconds(30), 10, CancellationToken.None));
        if (Database.Dialect is SharedDatabaseDialect)
        {
            // Several processes: another one waits for the lease to run out (this one may be publishing them).
            Assert.Empty(await outbox.LeaseAsync("engine-b", Now.AddSeconds(29), TimeSpan.FromSeconds(30), 10, CancellationToken.None));
        }
        else
        {
            // An SQLite file belongs to one process: rows held under another name were left by an earlier run of the
            // host, and the restarted one publishes them at once.
            Assert.Equal(2, (await outbox.LeaseAsync("engine-b", Now, TimeSpan.FromSeconds(30), 10, CancellationToken.None)).Count);
        }

        Assert.Equal(2, (await outbox.LeaseAsync("engine-b", Now.AddSeconds(31), TimeSpan.FromSeconds(30), 10, CancellationToken.None)).Count);

        // Published rows stay until a commit deletes them; a commit that fails gives them back for the next one.
        relay.Published(handed.Select(m => m.Sequence));
        var failing = new EngineChanges();
        failing.Inbox.Add("m-1");
        failing.Inbox.Add("m-1");
        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(failing, Now, CancellationToken.None));
        Assert.Equal(2, await outbox.CountAsync(CancellationToken.None));
        Assert.True(relay.AnyPublished);

        var next = new EngineChanges();
        next.Inbox.Add("m-2");
        await store.SaveAsync(next, Now, CancellationToken.None);
        Assert.Equal(0, await outbox.CountAsync(CancellationToken.None));
        Assert.False(relay.AnyPublished);
    }

    [StoreFact]
    public async Task Timers_AreLeasedWhenDue_AndRemovedWithTheChangeThatFiresThem()
    {
        var id = Guid.NewGuid();
        var changes = new EngineChanges();
        changes.ScheduleTimer(new TimerRecord(id, "stage:due", "stage", Now.AddHours(1)));
        changes.ScheduleTimer(new TimerRecord(id, "wait:due", "wait", Now.AddHours(3)));
        await SaveAsync(changes);
        var timers = new SqlTimerStore(Database);

        Assert.Empty(await timers.LeaseDueAsync("a", Now, TimeSpan.FromSeconds(30), 10, CancellationToken.None));
        var due = await timers.LeaseDueAsync("a", Now.AddHours(2), TimeSpan.FromSeconds(30), 10, CancellationToken.None);
        Assert.Equal(["stage:due"], due.Select(t => t.TimerId));
        Assert.Empty(await timers.LeaseDueAsync("b", Now.AddHours(2), TimeSpan.FromSeconds(30), 10, CancellationToken.None));
        Assert.Single(await timers.LeaseDueAsync("b", Now.AddHours(2).AddMinutes(1), TimeSpan.FromSeconds(30), 10, CancellationToken.None));

        var fired = new EngineChanges();
        fired.RemoveTimer(id, "stage:due");
        await SaveAsync(fired);
        Assert.Equal(Now.AddHours(3), await timers.NextDueAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task Definitions_DraftsAreReplaced_PublishedVersionsNeverChange()
    {
        var store = new SqlDefinitionStore(Database);

        Assert.Equal(1, (await store.SaveDraftAsync(SvcDraft("a"), CancellationToken.None)).Version);
        Assert.Equal(1, (await store.SaveDraftAsync(SvcDraft("b"), CancellationToken.None)).Version);
        Assert.True(await store.PublishAsync("svc", 1, Now, "admin", CancellationToken.None));
        Assert.False(await store.PublishAsync("svc", 1, Now, "admin", CancellationToken.None));
        Assert.Equal(2, (await store.SaveDraftAsync(SvcDraft("c"), CancellationToken.None)).Version);

        var published = await store.GetLatestPublishedAsync("svc", CancellationToken.None);
        Assert.Equal((1, "b", "admin"), (published!.Version, published.Source, published.PublishedBy));
        Assert.Equal(2, (await store.ListAsync(CancellationToken.None)).Count);
    }

    /// <summary>A draft of the definition "svc" whose source is also its hash.</summary>
    private static DefinitionRecord SvcDraft(string source) => new()
    {
        Id = "svc",
        Version = 0,
        Status = DefinitionStatuses.Draft,
        Title = "事项",
        Source = source,
        Sha256 = source,
        CreatedAt = Now,
    };

    /// <summary>
    /// Publishing, retiring and discarding each leave one line in the administrators' audit, written with the change;
    /// a refused change (retiring a draft, discarding a published version, retiring twice) leaves none.
    /// </summary>
    [StoreFact]
    public async Task Definitions_OnlyAPublishedVersionRetires_AndOnlyADraftIsDiscarded()
    {
        var store = new SqlDefinitionStore(Database);
        await store.SaveDraftAsync(SvcDraft("a"), CancellationToken.None);
        await store.PublishAsync("svc", 1, Now, "admin", CancellationToken.None);
        await store.SaveDraftAsync(SvcDraft("b"), CancellationToken.None);

        Assert.False(await store.RetireAsync("svc", 2, Now, "admin", CancellationToken.None));
        Assert.False(await store.DiscardDraftAsync("svc", 1, Now, "admin", CancellationToken.None));
        Assert.True(await store.RetireAsync("svc", 1, Now, "admin", CancellationToken.None));
        Assert.False(await store.RetireAsync("svc", 1, Now, "admin", CancellationToken.None));
        Assert.True(await store.DiscardDraftAsync("svc", 2, Now.AddMinutes(1), "admin-2", CancellationToken.None));

        var latest = await store.GetLatestPublishedAsync("svc", CancellationToken.None);
        Assert.Equal((1, DefinitionStatuses.Retired), (latest!.Version, latest.Status));
        Assert.Null(await store.GetAsync("svc", 2, CancellationToken.None));
        Assert.Single(await store.ListAsync(CancellationToken.None));
        var changes = await new SqlAdminAudit(Database).ListAllAsync(AdminAuditEntry.Definition, 10, 0, CancellationToken.None);
        Assert.Equal(
            [
                (AdminAuditActions.DraftDiscarded, "admin-2", "version=2"),
                (AdminAuditActions.DefinitionRetired, "admin", "version=1"),
                (AdminAuditActions.DefinitionPublished, "admin", "version=1"),
            ],
            changes.Select(c => (c.Action, c.Actor, c.Detail!)));
        Assert.All(changes, c => Assert.Equal("svc", c.TargetId));
        Assert.Empty(await new SqlAdminAudit(Database).ListAllAsync(AdminAuditEntry.User, 10, 0, CancellationToken.None));
    }

    [StoreFact]
    public async Task Definitions_RetiringRecordsWhoAndWhen_AndASecondRetirementDoesNotOverwriteIt()
    {
        var store = new SqlDefinitionStore(Database);
        await store.SaveDraftAsync(SvcDraft("a"), CancellationToken.None);
        await store.PublishAsync("svc", 1, Now, "admin", CancellationToken.None);
        var retiredAt = Now.AddHours(3);

        Assert.True(await store.RetireAsync("svc", 1, retiredAt, "admin-2", CancellationToken.None));
        Assert.False(await store.RetireAsync("svc", 1, retiredAt.AddHours(1), "someone-else", CancellationToken.None));

        var stored = await store.GetAsync("svc", 1, CancellationToken.None);
        var listed = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal((retiredAt, "admin-2"), (stored!.RetiredAt, stored.RetiredBy));
        Assert.Equal((retiredAt, "admin-2"), (listed.RetiredAt, listed.RetiredBy));
        Assert.Equal((Now, "admin"), (stored.PublishedAt, stored.PublishedBy));
    }

    [StoreFact]
    public async Task DepartmentQueue_ListsOpenTasksSoonestDueFirst()
    {
        var changes = new DepartmentChanges();
        foreach (var (step, hours, status) in new[] { ("late", 5, TaskStatuses.Open), ("soon", 1, TaskStatuses.Claimed), ("done", 0, TaskStatuses.Completed), ("mid", 3, TaskStatuses.Open) })
        {
            changes.Inserted.Add(NewTask(step, hours, status));
        }

        await new SqlDepartmentStore(Database).SaveAsync(changes, Now, CancellationToken.None);

        var queries = new SqlTaskQueries(Database);
        Assert.Equal(["soon", "mid", "late"], (await queries.QueueAsync("SAMR", new TaskQueueFilter("open"), 50, 0, CancellationToken.None)).Tasks.Select(t => t.StepId));
        Assert.Equal(["mid", "late"], (await queries.QueueAsync("SAMR", new TaskQueueFilter("unclaimed"), 50, 0, CancellationToken.None)).Tasks.Select(t => t.StepId));
        Assert.Equal(["late"], (await queries.QueueAsync("SAMR", new TaskQueueFilter("unclaimed"), 50, 1, CancellationToken.None)).Tasks.Select(t => t.StepId));
        Assert.Equal(4, (await queries.QueueAsync("SAMR", new TaskQueueFilter("all"), 50, 0, CancellationToken.None)).Tasks.Count);
        Assert.Empty((await queries.QueueAsync("TAX", new TaskQueueFilter("all"), 50, 0, CancellationToken.None)).Tasks);
    }

    [StoreFact]
    public async Task DepartmentQueue_FindsATaskByItsTrackingNumbersBeginning_OrPartOfTheApplicantsName_WithinTheOtherFilters()
    {
        var tasks = new[]
        {
            WithApplicant(NewTask("zhang", 3, TaskStatuses.Open), "YB20260302-7K3M9Q2X", "张三丰"),
            WithApplicant(NewTask("li", 1, TaskStatuses.Claimed), "YB20260302-7K3MAAAA", "李四"),
            WithApplicant(NewTask("smith", 2, TaskStatuses.Open), "YB20260303-BBBBBBBB", "John Smith"),
            WithApplicant(NewTask("wild", 4, TaskStatuses.Completed), "YB20260304-CCCCCCCC", "100%_[x]"),
            WithApplicant(NewTask("older", 5, TaskStatuses.Open), "YB20260305-DDDDDDDD", null),
        };
        var changes = new DepartmentChanges();
        changes.Inserted.AddRange(tasks);
        await new SqlDepartmentStore(Database).SaveAsync(changes, Now, CancellationToken.None);
        var queries = new SqlTaskQueries(Database);

        async Task<string[]> Find(string status, string number, string name) =>
            (await queries.QueueAsync("SAMR", new TaskQueueFilter(status, Search: new TaskSearch(number, name)), 50, 0, CancellationToken.None)).Tasks.Select(t => t.StepId).ToArray();

        // A whole number, then its beginning: soonest due first, as the queue is ordered.
        Assert.Equal(["zhang"], await Find("all", "YB20260302-7K3M9Q2X", "YB20260302-7K3M9Q2X"));
        Assert.Equal(["li", "zhang"], await Find("all", "YB20260302-7K3M", "YB20260302-7K3M"));
        // Part of a name, whatever its letters' case; the number's middle is no beginning.
        Assert.Equal(["zhang"], await Find("all", "三丰", "三丰"));
        Assert.Equal(["smith"], await Find("all", "SMITH", "smith"));
        Assert.Empty(await Find("all", "7K3M", "7K3M"));
        // Wildcards typed mean themselves.
        Assert.Equal(["wild"], await Find("all", "%_[", "%_["));
        Assert.Equal(["wild"], await Find("all", "_", "_"));
        // Within the status filter, and counted as the page is.
        Assert.Equal(["zhang"], await Find("unclaimed", "YB20260302", "YB20260302"));
        var page = await queries.QueueAsync("SAMR", new TaskQueueFilter("all", Search: new TaskSearch("YB2026030", "YB2026030")), 2, 0, CancellationToken.None);
        Assert.Equal(5, page.Total);
        Assert.Equal("张三丰", (await queries.GetSummaryAsync(tasks[0].Id, CancellationToken.None))!.ApplicantName);
        Assert.Empty((await queries.QueueAsync("TAX", new TaskQueueFilter("all", Search: new TaskSearch("YB", "YB")), 50, 0, CancellationToken.None)).Tasks);
    }

    private static TaskRecord WithApplicant(TaskRecord t, string trackingNumber, string? applicant) => new()
    {
        Id = t.Id, ApplicationId = t.ApplicationId, TrackingNumber = trackingNumber, ApplicantName = applicant, ServiceId = t.ServiceId,
        ServiceTitle = t.ServiceTitle, StepId = t.StepId, Attempt = t.Attempt, Department = t.Department, Title = t.Title, Status = t.Status,
        DispatchedAt = t.DispatchedAt, DueAt = t.DueAt, ReceivedAt = t.ReceivedAt, PayloadJson = t.PayloadJson,
    };

    [StoreFact]
    public async Task DepartmentQueue_PutsEscalatedTasksFirst_UrgentBeforeHigh_AndKeepsWhySupervised()
    {
        var store = new SqlDepartmentStore(Database);
        var tasks = new[] { NewTask("soon", 1, TaskStatuses.Open), NewTask("high", 4, TaskStatuses.Open), NewTask("urgent", 5, TaskStatuses.Claimed) };
        var insert = new DepartmentChanges();
        insert.Inserted.AddRange(tasks);
        await store.SaveAsync(insert, Now, CancellationToken.None);

        tasks[1].Priority = 1;
        tasks[2].Priority = 2;
        tasks[2].SupervisedAt = Now.AddHours(6);
        tasks[2].SupervisedBecause = "红牌（超过办理时限）后 1 个工作日仍未办结";
        var escalated = new DepartmentChanges();
        escalated.Updated.Add((tasks[1], TaskStatuses.Open, 0));
        escalated.Updated.Add((tasks[2], TaskStatuses.Claimed, 0));
        await store.SaveAsync(escalated, Now, CancellationToken.None);

        var queue = (await new SqlTaskQueries(Database).QueueAsync("SAMR", new TaskQueueFilter("open"), 50, 0, CancellationToken.None)).Tasks;
        Assert.Equal(["urgent", "high", "soon"], queue.Select(t => t.StepId));
        Assert.Equal((2, Now.AddHours(6), "红牌（超过办理时限）后 1 个工作日仍未办结"), (queue[0].Priority, queue[0].SupervisedAt, queue[0].SupervisedBecause));
        Assert.Equal((0, (DateTimeOffset?)null), (queue[2].Priority, queue[2].SupervisedAt));
    }

    [StoreFact]
    public async Task DepartmentQueue_FiltersAndCountsInTheQuery_RedThenYellowFirst_DecidedNewestFirst()
    {
        var tasks = new List<TaskRecord>();
        for (var i = 0; i < 6; i++)
        {
            // Decided an hour apart, the oldest due first: a page sorted by due time would show the oldest decision.
            var done = NewTask($"done-{i}", i, TaskStatuses.Completed);
            done.CompletedAt = Now.AddHours(i);
            done.CompletedBy = "samr-clerk";
            tasks.Add(done);
        }

        var plain = NewTask("plain", 1, TaskStatuses.Open);
        var yellow = NewTask("yellow", 8, TaskStatuses.Open);
        var red = NewTask("red", 30, TaskStatuses.Claimed);
        var other = NewTask("other", 2, TaskStatuses.Open, ("construction", "工程建设"));
        // Decided and withdrawn tasks are kept apart from the queue's (0074): the history by service and the withdrawn
        // list still find theirs, and a service only a withdrawn task had is still one to filter by.
        var otherDone = NewTask("other-done", 3, TaskStatuses.Completed, ("construction", "工程建设"));
        otherDone.CompletedAt = Now.AddHours(-1);
        otherDone.CompletedBy = "samr-clerk";
        var withdrawn = NewTask("withdrawn", 4, TaskStatuses.Cancelled, ("change", "变更登记"));
        tasks.AddRange([plain, yellow, red, other, otherDone, withdrawn]);
        var store = new SqlDepartmentStore(Database);
        var changes = new DepartmentChanges();
        changes.Inserted.AddRange(tasks);
        await store.SaveAsync(changes, Now, CancellationToken.None);
        // The engine's cards arrive later: a red one on a task whose due time was revised later than the others'.
        yellow.Warning = "yellow";
        red.Warning = "red";
        var cards = new DepartmentChanges();
        cards.Updated.Add((yellow, TaskStatuses.Open, 0));
        cards.Updated.Add((red, TaskStatuses.Claimed, 0));
        await store.SaveAsync(cards, Now, CancellationToken.None);
        var queries = new SqlTaskQueries(Database);

        var open = await queries.QueueAsync("SAMR", new TaskQueueFilter(TaskStatuses.Open), 2, 0, CancellationToken.None);
        var rest = await queries.QueueAsync("SAMR", new TaskQueueFilter(TaskStatuses.Open), 2, 2, CancellationToken.None);
        var decided = await queries.QueueAsync("SAMR", new TaskQueueFilter(TaskStatuses.Completed), 4, 0, CancellationToken.None);
        var service = await queries.QueueAsync("SAMR", new TaskQueueFilter(TaskStatuses.Open, "construction"), 10, 0, CancellationToken.None);
        var dueSoon = await queries.QueueAsync("SAMR", new TaskQueueFilter(TaskStatuses.Open, DueBy: Now.AddHours(5)), 10, 0, CancellationToken.None);
        var all = await queries.QueueAsync("SAMR", new TaskQueueFilter("all"), 5, 0, CancellationToken.None);
        var claimed = await queries.QueueAsync("SAMR", new TaskQueueFilter(TaskStatuses.Claimed), 10, 0, CancellationToken.None);
        var unclaimed = await queries.QueueAsync("SAMR", new TaskQueueFilter("unclaimed"), 10, 0, CancellationToken.None);
        var decidedOfService = await queries.QueueAsync("SAMR", new TaskQueueFilter(TaskStatuses.Completed, "construction"), 10, 0, CancellationToken.None);
        var cancelled = await queries.QueueAsync("SAMR", new TaskQueueFilter(TaskStatuses.Cancelled), 10, 0, CancellationToken.None);
        var allOfService = await queries.QueueAsync("SAMR", new TaskQueueFilter("all", "construction"), 10, 0, CancellationToken.None);
        var found = await queries.QueueAsync("SAMR", new TaskQueueFilter("all", Search: new TaskSearch("YB-withdrawn", "YB-withdrawn")), 10, 0, CancellationToken.None);

        Assert.Equal(4, open.Total);
        Assert.Equal(["red", "yellow"], open.Tasks.Select(t => t.StepId));
        Assert.Equal(["plain", "other"], rest.Tasks.Select(t => t.StepId));
        Assert.Equal(7, decided.Total);
        Assert.Equal(["done-5", "done-4", "done-3", "done-2"], decided.Tasks.Select(t => t.StepId));
        Assert.Equal(1, service.Total);
        Assert.Equal(["other"], service.Tasks.Select(t => t.StepId));
        Assert.Equal(2, dueSoon.Total);
        Assert.Equal(["plain", "other"], dueSoon.Tasks.Select(t => t.StepId));
        Assert.Equal(12, all.Total);
        Assert.Equal(["red", "yellow", "plain", "other", "done-5"], all.Tasks.Select(t => t.StepId));
        Assert.Equal(1, claimed.Total);
        Assert.Equal(["red"], claimed.Tasks.Select(t => t.StepId));
        Assert.Equal(3, unclaimed.Total);
        Assert.Equal(["yellow", "plain", "other"], unclaimed.Tasks.Select(t => t.StepId));
        Assert.Equal(1, decidedOfService.Total);
        Assert.Equal(["other-done"], decidedOfService.Tasks.Select(t => t.StepId));
        Assert.Equal(1, cancelled.Total);
        Assert.Equal(["withdrawn"], cancelled.Tasks.Select(t => t.StepId));
        Assert.Equal(2, allOfService.Total);
        Assert.Equal(["other", "other-done"], allOfService.Tasks.Select(t => t.StepId));
        Assert.Equal(1, found.Total);
        Assert.Equal(["withdrawn"], found.Tasks.Select(t => t.StepId));
        // The English title where the engine sent one; none for a service whose tasks came without.
        Assert.Equal(
            [("business-opening", "企业开办", "Business opening"), ("change", "变更登记", (string?)null), ("construction", "工程建设", (string?)null)],
            await queries.ServicesAsync("SAMR", CancellationToken.None));
    }

    [StoreFact]
    public async Task DepartmentTitlesAndRecallReasons_AreKeptInEnglishBesideTheChinese_AndOlderRowsHaveNone()
    {
        var task = NewTask("licence", 2, TaskStatuses.Open);
        task = new TaskRecord
        {
            Id = task.Id, ApplicationId = task.ApplicationId, TrackingNumber = task.TrackingNumber, ServiceId = task.ServiceId, ServiceTitle = task.ServiceTitle,
            ServiceTitleEn = "Business opening", StepId = task.StepId, Attempt = 1, Department = "SAMR", Title = "营业执照", TitleEn = "Business licence",
            Status = TaskStatuses.Open, DispatchedAt = Now, DueAt = Now.AddHours(2), ReceivedAt = Now, PayloadJson = "{}",
        };
        var older = NewTask("seal", 2, TaskStatuses.Open, ("business-opening", "企业开办"));
        var changes = new DepartmentChanges();
        changes.Inserted.AddRange([task, older]);
        changes.ExtensionsInserted.Add(new ExtensionRequest
        {
            Id = Guid.NewGuid(), TaskId = task.Id, ApplicationId = task.ApplicationId, TrackingNumber = task.TrackingNumber, StepId = task.StepId,
            Attempt = 1, Department = "SAMR", Title = "营业执照", TitleEn = "Business licence", WorkingDays = 1m, Reason = "实地核查",
            RequestedBy = "samr-clerk", RequestedAt = Now, Status = ExtensionStatuses.Pending,
        });
        changes.Notices.Add(new DepartmentNotice(
            Guid.NewGuid(), "SAMR", task.Id, task.ApplicationId, task.TrackingNumber, task.StepId, "营业执照", "red", "办件「营业执照」已超期", Now, Now,
            "Task “Business licence” is overdue", "Business licence"));
        var store = new SqlDepartmentStore(Database);
        await store.SaveAsync(changes, Now, CancellationToken.None);

        var recalled = new DepartmentChanges();
        task.Status = TaskStatuses.Cancelled;
        task.Note = "申请人撤回申请";
        task.NoteEn = "The applicant withdrew the application";
        recalled.Updated.Add((task, TaskStatuses.Open, 0));
        await store.SaveAsync(recalled, Now, CancellationToken.None);

        var queries = new SqlTaskQueries(Database);
        var kept = (await queries.GetAsync(task.Id, CancellationToken.None))!;
        Assert.Equal(("Business licence", "Business opening", "The applicant withdrew the application"), (kept.TitleEn, kept.ServiceTitleEn, kept.NoteEn));
        Assert.Equal(("营业执照", "申请人撤回申请"), (kept.TitleIn(english: false), kept.NoteIn(english: false)));
        var old = (await queries.GetAsync(older.Id, CancellationToken.None))!;
        Assert.Equal(("seal", "企业开办"), (old.TitleIn(english: true), old.ServiceTitleIn(english: true)));
        Assert.Equal("Business licence", Assert.Single(await queries.ListExtensionsAsync("SAMR", ExtensionStatuses.Pending, 50, 0, CancellationToken.None)).TitleEn);
        Assert.Equal("Business licence", Assert.Single(await queries.NoticesAsync("SAMR", 50, 0, CancellationToken.None)).TitleEn);
    }

    [StoreFact]
    public async Task ExtensionRequests_AreKeptAsAsked_AndAnAnswerIsWrittenOnlyOnce()
    {
        var task = NewTask("licence", 2, TaskStatuses.Claimed);
        var asked = new ExtensionRequest
        {
            Id = Guid.NewGuid(), TaskId = task.Id, ApplicationId = task.ApplicationId, TrackingNumber = task.TrackingNumber, StepId = task.StepId,
            Attempt = 1, Department = "SAMR", Title = "营业执照", WorkingDays = 2.5m, Reason = "实地核查", RequestedBy = "samr-clerk", RequestedAt = Now,
            Status = ExtensionStatuses.Pending,
        };
        var changes = new DepartmentChanges();
        changes.Inserted.Add(task);
        changes.ExtensionsInserted.Add(asked);
        var store = new SqlDepartmentStore(Database);
        await store.SaveAsync(changes, Now, CancellationToken.None);

        var queries = new SqlTaskQueries(Database);
        var pending = Assert.Single(await queries.ListExtensionsAsync("SAMR", ExtensionStatuses.Pending, 50, 0, CancellationToken.None));
        Assert.Equal((2.5m, (decimal?)null, "实地核查", Now), (pending.WorkingDays, pending.WorkingHours, pending.Reason, pending.RequestedAt));
        Assert.Empty(await queries.ListExtensionsAsync("TAX", "all", 50, 0, CancellationToken.None));

        pending.Status = ExtensionStatuses.Approved;
        pending.DecidedBy = "samr-supervisor";
        pending.DecidedAt = Now;
        var answer = new DepartmentChanges();
        answer.ExtensionsDecided.Add(pending);
        await store.SaveAsync(answer, Now, CancellationToken.None);
        // A second answer to the same request (another supervisor at the same moment) finds it no longer waiting, and
        // says which request that was.
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(answer, Now, CancellationToken.None));
        Assert.Equal([task.ApplicationId], conflict.ApplicationIds);
        Assert.Equal($"1 extension request(s) decided concurrently: {asked.Id} (application {task.ApplicationId}, step licence).", conflict.Message);

        Assert.Equal(ExtensionStatuses.Approved, (await queries.GetExtensionAsync(asked.Id, CancellationToken.None))!.Status);
        await using var reader = await store.OpenReaderAsync(CancellationToken.None);
        Assert.Equal("samr-supervisor", Assert.Single(await reader.ExtensionsOfAsync([task.Id], CancellationToken.None)).DecidedBy);
        Assert.Single(await queries.ExtensionsOfTaskAsync(task.Id, CancellationToken.None));
    }

    [StoreFact]
    public async Task StuckWork_FindsStepsWaitingTooLong_ByWhetherTheDepartmentAcknowledgedThem()
    {
        var application = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.Add(application);
        foreach (var (step, status, minutes) in new[]
        {
            ("sent-long-ago", StepStatuses.Dispatched, -10), ("sent-just-now", StepStatuses.Dispatched, 0),
            ("held-silent", StepStatuses.Received, -600), ("claimed-recently", StepStatuses.Claimed, -5), ("decided", StepStatuses.Approved, -600),
        })
        {
            changes.Steps[(application.Id, step)] = new StepRecord
            {
                ApplicationId = application.Id, StepId = step, Kind = "department-task", Department = "SAMR", Title = step, Status = status, Attempt = 1,
                LastContactAt = status == StepStatuses.Approved ? null : Now.AddMinutes(minutes),
            };
        }

        await SaveAsync(changes);
        var queries = new SqlStuckWorkQueries(Database);

        Assert.Equal(["claimed-recently", "held-silent", "sent-just-now", "sent-long-ago"], (await queries.AllWaitingAsync(CancellationToken.None)).Select(s => s.StepId).Order());
        Assert.Equal(["sent-long-ago"], (await queries.UnacknowledgedAsync(Now.AddMinutes(-2), 10, CancellationToken.None)).Select(s => s.StepId));
        Assert.Equal(["held-silent"], (await queries.SilentAsync(Now.AddHours(-4), 10, CancellationToken.None)).Select(s => s.StepId));
        Assert.Equal(1, (await queries.CountAsync(Now.AddMinutes(-2), withSteps: true, CancellationToken.None)).UnacknowledgedSteps);
        Assert.Equal(0, (await queries.CountAsync(Now.AddMinutes(-2), withSteps: false, CancellationToken.None)).UnacknowledgedSteps);
    }

    [StoreFact]
    public async Task ComplianceRows_AreThePeriodsDecidedStepsAndFinishedBundles_WithTheirService()
    {
        var finished = NewApplication();
        (finished.Status, finished.CompletedAt, finished.OnTime, finished.StatutoryDueAt) = (ApplicationStatuses.Completed, Now.AddHours(5), true, Now.AddDays(3));
        var running = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.Add(finished);
        changes.Inserted.Add(running);
        foreach (var (application, step, status, completed, onTime) in new[]
        {
            (finished, "licence", StepStatuses.Approved, (DateTimeOffset?)Now.AddHours(1), (bool?)true),
            (finished, "bank", StepStatuses.Rejected, Now.AddHours(4), false),
            (running, "before-the-period", StepStatuses.Approved, Now.AddDays(-40), true),
            (running, "waiting", StepStatuses.Received, null, null),
        })
        {
            changes.Steps[(application.Id, step)] = new StepRecord
            {
                ApplicationId = application.Id, StepId = step, Kind = "department-task", Department = step == "bank" ? "BANK" : "SAMR", Title = step,
                Status = status, Attempt = 1, DispatchedAt = Now, ReceivedAt = Now, DueAt = Now.AddHours(2), CompletedAt = completed, OnTime = onTime,
                Outcome = status is StepStatuses.Approved or StepStatuses.Rejected ? status : null,
                LastContactAt = completed is null ? Now : null,
            };
        }

        await SaveAsync(changes);
        var queries = new SqlComplianceQueries(Database);

        var steps = await queries.CompletedStepsAsync(Now.AddDays(-1), Now.AddDays(1), CancellationToken.None);
        Assert.Equal(
            [new CompletedStep("BANK", "business-opening", Now, Now, Now.AddHours(4), false, "rejected"), new CompletedStep("SAMR", "business-opening", Now, Now, Now.AddHours(1), true, "approved")],
            steps.OrderBy(s => s.Department, StringComparer.Ordinal));
        var bundle = Assert.Single(await queries.FinishedApplicationsAsync(Now.AddDays(-1), Now.AddDays(1), CancellationToken.None));
        Assert.Equal(new FinishedApplication("business-opening", "completed", Now, Now.AddHours(5), Now.AddDays(1), Now.AddDays(3), true), bundle);
        Assert.Equal([new OpenStep(running.Id, "waiting", "SAMR", "business-opening", Now.AddHours(2))], await queries.OpenStepsAsync(null, CancellationToken.None));
        Assert.Single(await queries.OpenStepsAsync("SAMR", CancellationToken.None));
        Assert.Empty(await queries.OpenStepsAsync("BANK", CancellationToken.None));
    }

    [StoreFact]
    public async Task ComplianceRollup_SummedByAnyGrouping_EqualsTheSumOfItsEntries()
    {
        var entry =
            from kind in OneOf(ComplianceRollup.StepKind, ComplianceRollup.BundleKind)
            from month in OneOf(202601, 202602, 202612, 202701)
            from department in OneOf("SAMR", "PSB", "BANK")
            from service in OneOf("business-opening", "construction")
            from decided in Gen.Int[0, 2]
            from promised in Gen.Bool
            from onTime in Gen.Bool
            from statutory in Gen.Bool
            from minutes in Gen.Int[0, 40_000]
            from waited in Gen.Int[0, 5_000]
            from timed in Gen.Bool
            from excluded in Gen.Int[0, 900]
            from correction in Gen.Int[0, 9]
            select correction switch
            {
                // An approval on commitment revoked; a completion taken back (its finish and bucket subtracted).
                0 => ComplianceRollup.Revoked(kind == ComplianceRollup.BundleKind ? "" : department, service, new DateTimeOffset(month / 100, month % 100, 10, 0, 0, 0, TimeSpan.FromHours(8))) with { Kind = kind },
                1 => new RollupEntry(kind, month, kind == ComplianceRollup.BundleKind ? "" : department, service, -1, -1, 0, 0, 0, 0, 0, 0, -1, -minutes, 0, 0,
                    HandlingBuckets.Of(minutes), -1),
                _ => new RollupEntry(
                    kind, month, kind == ComplianceRollup.BundleKind ? "" : department, service, 1, decided == 0 ? 1 : 0, decided == 1 ? 1 : 0, 0,
                    promised ? 1 : 0, promised && onTime ? 1 : 0, statutory ? 1 : 0, statutory && onTime ? 1 : 0,
                    timed ? 1 : 0, timed ? minutes : 0, timed ? waited : 0, timed ? excluded : 0, timed ? HandlingBuckets.Of(minutes) : -1),
            };
        var queries = new SqlComplianceRollupQueries(Database);

        await entry.Array[0, 60].SampleAsync(
            async entries =>
            {
                await ClearRollupAsync();
                // In a few commits, as finishes come.
                foreach (var chunk in entries.Chunk(25))
                {
                    var changes = new EngineChanges();
                    changes.Rollup.AddRange(chunk);
                    await SaveAsync(changes);
                }

                // Every grouping, read from the pre-summed rows or the rollup's own, and a supervisor's (one department's).
                foreach (var kind in new[] { ComplianceRollup.StepKind, ComplianceRollup.BundleKind })
                {
                    foreach (var by in Enumerable.Range(0, 8).Select(b => (ComplianceGrouping)b))
                    {
                        foreach (var department in new string?[] { null, "PSB" })
                        {
                            AssertSums(entries.Where(e => e.Kind == kind && e.Month <= 202612 && (department is null || e.Department == department)),
                                by, await queries.SumAsync(kind, 202601, 202612, by, department, CancellationToken.None));
                        }
                    }
                }

                var supervisor = await queries.SumAsync(ComplianceRollup.StepKind, 202601, 202701, ComplianceGrouping.Department, "PSB", CancellationToken.None);
                Assert.All(supervisor, s => Assert.Equal("PSB", s.Key.Department));
            },
            iter: 12, threads: 1);
    }

    [StoreFact]
    public async Task OpenSteps_AreCountedOverdueAndAtRisk_ByTheirDueAndWarningTimes_AgainstEachLimit()
    {
        var application = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.Add(application);
        // Now is 09:00 on Monday 2 March in Beijing; "february" reached its department on the last day of February.
        foreach (var (step, status, due, warn, statutoryDue, statutoryWarn, dispatched) in new (string, string, DateTimeOffset?, DateTimeOffset?, DateTimeOffset?, DateTimeOffset?, DateTimeOffset)[]
        {
            ("overdue", StepStatuses.Received, Now.AddMinutes(-1), Now.AddMinutes(-30), Now.AddDays(2), Now.AddDays(1), Now.AddHours(-1)),
            ("yellow", StepStatuses.Claimed, Now.AddMinutes(30), Now.AddMinutes(-5), Now.AddDays(2), Now.AddMinutes(-1), Now.AddHours(-1)),
            ("green", StepStatuses.Dispatched, Now.AddHours(3), Now.AddHours(2), null, null, Now.AddHours(-1)),
            ("february", StepStatuses.Dispatched, Now, Now.AddHours(-2), Now, Now.AddDays(-1), Now.AddHours(-34)),
            ("no-limit", StepStatuses.Dispatched, null, null, null, null, Now.AddHours(-1)),
            ("decided", StepStatuses.Approved, Now.AddMinutes(-1), null, Now.AddMinutes(-1), null, Now.AddHours(-1)),
        })
        {
            changes.Steps[(application.Id, step)] = new StepRecord
            {
                ApplicationId = application.Id, StepId = step, Kind = "department-task", Department = "SAMR", Title = step, Status = status, Attempt = 1,
                DispatchedAt = dispatched, DueAt = due, WarnAt = warn, StatutoryDueAt = statutoryDue, StatutoryWarnAt = statutoryWarn, LastContactAt = Now,
                CompletedAt = status == StepStatuses.Approved ? Now : null, Outcome = status == StepStatuses.Approved ? status : null,
            };
        }

        await SaveAsync(changes);
        var queries = new SqlComplianceRollupQueries(Database);

        // Red from the due time itself on, as the clock's card reads it.
        Assert.Equal([new OpenRisk(new ComplianceKey("SAMR", null, null), 5, 2, 1, 1, 1)], await queries.OpenAsync(ComplianceGrouping.Department, null, Now, CancellationToken.None));
        Assert.Empty(await queries.OpenAsync(ComplianceGrouping.Department, "BANK", Now, CancellationToken.None));
        Assert.Equal([new OpenRisk(new ComplianceKey(null, "business-opening", null), 5, 2, 1, 1, 1)], await queries.OpenAsync(ComplianceGrouping.Service, null, Now, CancellationToken.None));
        Assert.Equal(
            [new OpenRisk(new ComplianceKey("SAMR", "business-opening", "2026-02"), 1, 1, 0, 1, 0), new OpenRisk(new ComplianceKey("SAMR", "business-opening", "2026-03"), 4, 1, 1, 0, 1)],
            await queries.OpenAsync(ComplianceGrouping.Department | ComplianceGrouping.Service | ComplianceGrouping.Month, null, Now, CancellationToken.None));
        Assert.Equal([new OpenRisk(new ComplianceKey(null, null, null), 5, 2, 1, 1, 1)], await queries.OpenAsync(ComplianceGrouping.None, "SAMR", Now, CancellationToken.None));
    }

    /// <summary>
    /// The open steps by service read the service kept on each step (SQLite 0052, PostgreSQL and SQL Server 0045), not
    /// their applications: the steps open before the upgrade get it from their applications, a step written later with
    /// its application changed (not new) gets it from that application, and another service's steps stay apart.
    /// </summary>
    [StoreFact]
    public async Task OpenSteps_BeforeAndAfterTheServiceIsKeptOnTheStep_AreCountedByTheirApplicationsService()
    {
        void OpenStep(EngineChanges changes, ApplicationRecord application, string step, string department, DateTimeOffset due) =>
            changes.Steps[(application.Id, step)] = new StepRecord
            {
                ApplicationId = application.Id, StepId = step, Kind = "department-task", Department = department, Title = step,
                Status = StepStatuses.Dispatched, Attempt = 1, DispatchedAt = Now.AddHours(-1), DueAt = due, WarnAt = due.AddHours(-1), LastContactAt = Now,
            };
        var opening = NewApplication();
        var newborn = NewApplication(serviceId: "newborn");
        var before = new EngineChanges();
        before.Inserted.Add(opening);
        before.Inserted.Add(newborn);
        OpenStep(before, opening, "samr", "SAMR", Now.AddMinutes(-1));
        OpenStep(before, newborn, "psb", "PSB", Now.AddHours(5));
        await SaveAsync(before);

        // The installation before the upgrade: steps without their service, the open steps' index without it.
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            await ExecuteAsync(connection, Database.Dialect is SqlServerDialect ? "DROP INDEX ix_steps_open ON steps" : "DROP INDEX ix_steps_open");
            await ExecuteAsync(connection, "ALTER TABLE steps DROP COLUMN service_id");
            await ExecuteAsync(connection, "CREATE INDEX ix_steps_open ON steps (department, due_at, warn_at, statutory_due_at, statutory_warn_at, dispatched_at) "
                + "WHERE status IN ('dispatched', 'received', 'claimed')");
            await ExecuteAsync(connection, "DELETE FROM schemaversions WHERE scriptname LIKE '%open_steps_service%'");
        }

        Database.Migrate();
        var later = new EngineChanges();
        later.Updated.Add(await LoadAsync(opening.Id));
        OpenStep(later, opening, "bank", "BANK", Now.AddHours(3));
        await SaveAsync(later);

        var queries = new SqlComplianceRollupQueries(Database);
        Assert.Equal(
            [new OpenRisk(new ComplianceKey(null, "business-opening", null), 2, 1, 0, 0, 0), new OpenRisk(new ComplianceKey(null, "newborn", null), 1, 0, 0, 0, 0)],
            await queries.OpenAsync(ComplianceGrouping.Service, null, Now, CancellationToken.None));
        Assert.Equal(
            [new OpenRisk(new ComplianceKey(null, "business-opening", null), 1, 0, 0, 0, 0)],
            await queries.OpenAsync(ComplianceGrouping.Service, "BANK", Now, CancellationToken.None));
    }

    /// <summary>
    /// An open step written without its service — by an engine process of the version before, still running beside an
    /// upgraded one on the same database — gets it the next time an upgraded process writes the step, instead of being
    /// counted under no service for as long as it stays open.
    /// </summary>
    [StoreFact]
    public async Task AnOpenStepWrittenWithoutItsService_GetsItWhenTheStepIsWrittenAgain()
    {
        var opening = NewApplication();
        StepRecord Step(string status) => new()
        {
            ApplicationId = opening.Id, StepId = "samr", Kind = "department-task", Department = "SAMR", Title = "samr",
            Status = status, Attempt = 1, DispatchedAt = Now.AddHours(-1), DueAt = Now.AddHours(2), WarnAt = Now.AddHours(1), LastContactAt = Now,
        };
        var first = new EngineChanges();
        first.Inserted.Add(opening);
        first.Steps[(opening.Id, "samr")] = Step(StepStatuses.Dispatched);
        await SaveAsync(first);
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            await ExecuteAsync(connection, "UPDATE steps SET service_id = NULL");
        }

        var later = new EngineChanges();
        later.Updated.Add(await LoadAsync(opening.Id));
        later.Steps[(opening.Id, "samr")] = Step(StepStatuses.Received);
        await SaveAsync(later);

        Assert.Equal(
            [new OpenRisk(new ComplianceKey(null, "business-opening", null), 1, 0, 0, 0, 0)],
            await new SqlComplianceRollupQueries(Database).OpenAsync(ComplianceGrouping.Service, null, Now, CancellationToken.None));
    }

    /// <summary>
    /// A database upgraded by the migration that adds the pre-summed rows (SQLite 0051, PostgreSQL and SQL Server 0044)
    /// answers every grouping as it did from the rollup alone: the migration sums the rows already counted, and the
    /// commits after it add to both.
    /// </summary>
    [StoreFact]
    public async Task PreSummedRows_FilledByTheUpgrade_AnswerAsTheRollupDid()
    {
        var random = new Random(20261202);
        string[] departments = ["SAMR", "PSB", "BANK", "TAX"];
        string[] services = ["business-opening", "construction", "newborn"];
        RollupEntry Entry(int month)
        {
            var minutes = random.Next(0, 90_000);
            var kind = random.Next(4) == 0 ? ComplianceRollup.BundleKind : ComplianceRollup.StepKind;
            var promised = random.Next(3) > 0;
            var statutory = random.Next(2) == 0;
            return new RollupEntry(
                kind, month, kind == ComplianceRollup.BundleKind ? "" : departments[random.Next(departments.Length)], services[random.Next(services.Length)],
                1, random.Next(2), 0, 0, promised ? 1 : 0, promised ? random.Next(2) : 0, statutory ? 1 : 0, statutory ? random.Next(2) : 0, 1, minutes,
                random.Next(0, 3_000), random.Next(0, 600), HandlingBuckets.Of(minutes));
        }

        var before = Enumerable.Range(0, 300).Select(i => Entry(202601 + i % 12)).ToArray();
        var after = Enumerable.Range(0, 100).Select(i => Entry(202601 + i % 12)).ToArray();
        await ClearRollupAsync();
        foreach (var chunk in before.Chunk(40))
        {
            var changes = new EngineChanges();
            changes.Rollup.AddRange(chunk);
            await SaveAsync(changes);
        }

        // The installation before the upgrade: its rollup only, with finishes counted past 480 hours in the old way.
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            await ForgetTotalsAsync(connection);
            await ExecuteAsync(connection, "UPDATE compliance_rollup SET h480_unsplit = 2 WHERE month = 202603");
        }

        Database.Migrate();
        var changesAfter = new EngineChanges();
        changesAfter.Rollup.AddRange(after);
        await SaveAsync(changesAfter);

        var queries = new SqlComplianceRollupQueries(Database);
        foreach (var kind in new[] { ComplianceRollup.StepKind, ComplianceRollup.BundleKind })
        {
            foreach (var by in Enumerable.Range(0, 8).Select(b => (ComplianceGrouping)b))
            {
                foreach (var department in new string?[] { null, "PSB" })
                {
                    var entries = before.Concat(after).Where(e => e.Kind == kind && (department is null || e.Department == department));
                    var sums = await queries.SumAsync(kind, 202602, 202611, by, department, CancellationToken.None);
                    AssertSums(entries.Where(e => e.Month is >= 202602 and <= 202611), by, sums);
                    // The old finishes past 480 hours: two per rollup row of March, whichever rows a group sums.
                    var rows = before.Where(e => e.Kind == kind && e.Month == 202603 && (department is null || e.Department == department))
                        .Select(e => (e.Department, e.ServiceId)).Distinct().ToArray();
                    Assert.Equal(
                        2L * rows.Length,
                        sums.Where(s => s.Key.Month is null or "2026-03").Sum(s => s.UnsplitOver480));
                }
            }
        }
    }

    /// <summary>
    /// A database with rollups counted in the earlier buckets (each hour to 24, each 8 to 160, each 40 to 480, then open)
    /// upgraded by the migration that widens them (SQLite 0040, PostgreSQL and SQL Server 0033): every count, sum and
    /// percentile reads as before, the finishes past 480 hours still read "480 or more", and new finishes past 480 hours
    /// are counted in their own buckets.
    /// </summary>
    [StoreFact]
    public async Task WideningTheHandlingBuckets_KeepsTheRollupsAlreadyCounted_AndTheirPercentiles()
    {
        await RollBackToTheEarlierBucketsAsync();
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            // Ten timed step finishes: 1, 24, 32, 32, 160, 200 and 480 hours, and three past 480; two bundles within 11 hours.
            await ExecuteAsync(connection, """
                INSERT INTO compliance_rollup (kind, month, department, service_id, finished, approved, rejected, revoked, promised_counted,
                    promised_on_time, statutory_counted, statutory_on_time, timed, government_minutes, applicant_minutes, excluded_minutes,
                    h00, h23, h24, h40, h41, h48, h49)
                VALUES ('step', 202603, 'SAMR', 'business-opening', 12, 10, 2, 1, 11, 9, 5, 4, 10, 200000, 3000, 600, 1, 1, 2, 1, 1, 1, 3)
                """);
            await ExecuteAsync(connection, """
                INSERT INTO compliance_rollup (kind, month, department, service_id, finished, approved, timed, government_minutes, h10)
                VALUES ('bundle', 202603, '', 'business-opening', 2, 2, 2, 1300, 2)
                """);
        }

        Database.Migrate();
        var queries = new SqlComplianceRollupQueries(Database);
        var step = Assert.Single(await queries.SumAsync(ComplianceRollup.StepKind, 202603, 202603, ComplianceGrouping.Department, null, CancellationToken.None));
        var bundle = Assert.Single(await queries.SumAsync(ComplianceRollup.BundleKind, 202603, 202603, ComplianceGrouping.Service, null, CancellationToken.None));

        Assert.Equal((12L, 10L, 2L, 1L, 11L, 9L, 5L, 4L, 10L, 200000L, 3000L, 600L), (step.Finished, step.Approved, step.Rejected, step.Revoked, step.PromisedCounted,
            step.PromisedOnTime, step.StatutoryCounted, step.StatutoryOnTime, step.Timed, step.GovernmentMinutes, step.ApplicantMinutes, step.ExcludedMinutes));
        var expected = new long[HandlingBuckets.Count];
        foreach (var (hours, count) in new[] { (1, 1), (24, 1), (32, 2), (160, 1), (200, 1), (480, 1) })
        {
            expected[HandlingBuckets.Of(hours * 60)] += count;
        }

        Assert.Equal(expected, step.Buckets);
        Assert.Equal(3, step.UnsplitOver480);
        // As the earlier buckets read them: the 5th of ten at 160 hours, the 9th past 480.
        Assert.Equal((160.0, false), (HandlingBuckets.Percentile(step.Buckets, 0.5, step.UnsplitOver480), HandlingBuckets.AtLeast(step.Buckets, 0.5, step.UnsplitOver480)));
        Assert.Equal((480.0, true), (HandlingBuckets.Percentile(step.Buckets, 0.9, step.UnsplitOver480), HandlingBuckets.AtLeast(step.Buckets, 0.9, step.UnsplitOver480)));
        Assert.Equal((2L, 1300L, 11.0), (bundle.Timed, bundle.GovernmentMinutes, HandlingBuckets.Percentile(bundle.Buckets, 0.5, bundle.UnsplitOver480)));

        // Ten more, decided after 700 working hours: now the 90th percentile is known.
        var changes = new EngineChanges();
        changes.Rollup.AddRange(Enumerable.Repeat(
            new RollupEntry(ComplianceRollup.StepKind, 202603, "SAMR", "business-opening", 1, 1, 0, 0, 0, 0, 0, 0, 1, 700 * 60, 0, 0, HandlingBuckets.Of(700 * 60)), 10));
        await SaveAsync(changes);
        step = Assert.Single(await queries.SumAsync(ComplianceRollup.StepKind, 202603, 202603, ComplianceGrouping.Department, null, CancellationToken.None));
        Assert.Equal((20L, 3L), (step.Timed, step.UnsplitOver480));
        Assert.Equal((700.0, false), (HandlingBuckets.Percentile(step.Buckets, 0.9, step.UnsplitOver480), HandlingBuckets.AtLeast(step.Buckets, 0.9, step.UnsplitOver480)));
    }

    /// <summary>
    /// Puts the rollup table back as the migration that made it left it (its own CREATE TABLE, from that migration's
    /// script for this database) and forgets the widening and the pre-summed rows made after it, so that the next
    /// migration run widens it and sums it again.
    /// </summary>
    private async Task RollBackToTheEarlierBucketsAsync()
    {
        var folder = Database.Dialect switch
        {
            SqliteDialect => "Sqlite",
            PostgreSqlDialect => "PostgreSql",
            _ => "SqlServer",
        };
        var assembly = typeof(Database).Assembly;
        string Script(string suffix)
        {
            var name = assembly.GetManifestResourceNames().Single(n => n.Contains($".Migrations.{folder}.", StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal));
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            return reader.ReadToEnd();
        }

        var created = Script("_compliance_rollup.sql");
        var start = created.IndexOf("CREATE TABLE compliance_rollup (", StringComparison.Ordinal);
        var createTable = created[start..(created.IndexOf(';', start) + 1)];
        Assert.Contains("h49", createTable, StringComparison.Ordinal);
        Assert.NotNull(Script("_handling_buckets_past_480_hours.sql"));
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, "DROP TABLE compliance_rollup");
        await ExecuteAsync(connection, createTable);
        await ExecuteAsync(connection, "DELETE FROM schemaversions WHERE scriptname LIKE '%handling_buckets_past_480_hours%'");
        await ForgetTotalsAsync(connection);
    }

    /// <summary>Drops the pre-summed rows and forgets their migration, so that the next migration run makes and fills them again.</summary>
    private static async Task ForgetTotalsAsync(System.Data.Common.DbConnection connection)
    {
        await ExecuteAsync(connection, "DROP TABLE compliance_totals");
        await ExecuteAsync(connection, "DELETE FROM schemaversions WHERE scriptname LIKE '%compliance_totals%'");
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The sums read equal the entries' sums by <paramref name="by"/>, every group and column, and no other group.</summary>
    private static void AssertSums(IEnumerable<RollupEntry> entries, ComplianceGrouping by, IReadOnlyList<RollupSum> sums)
    {
        var expected = entries
            .GroupBy(e => new ComplianceKey(by.HasFlag(ComplianceGrouping.Department) ? e.Department : null, by.HasFlag(ComplianceGrouping.Service) ? e.ServiceId : null,
                by.HasFlag(ComplianceGrouping.Month) ? $"{e.Month / 100}-{e.Month % 100:00}" : null))
            .Select(g => new
            {
                g.Key,
                Counts = (g.Sum(e => (long)e.Finished), g.Sum(e => (long)e.Approved), g.Sum(e => (long)e.Rejected), g.Sum(e => (long)e.Revoked),
                    g.Sum(e => (long)e.PromisedCounted), g.Sum(e => (long)e.PromisedOnTime), g.Sum(e => (long)e.StatutoryCounted), g.Sum(e => (long)e.StatutoryOnTime),
                    g.Sum(e => (long)e.Timed), g.Sum(e => e.GovernmentMinutes), g.Sum(e => e.ApplicantMinutes), g.Sum(e => e.ExcludedMinutes)),
                Buckets = Enumerable.Range(0, HandlingBuckets.Count).Select(b => g.Where(e => e.Bucket == b).Sum(e => (long)e.BucketCount)).ToArray(),
            })
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Department, StringComparer.Ordinal).ThenBy(g => g.Key.ServiceId, StringComparer.Ordinal)
            .ToArray();
        var actual = sums
            .Select(s => new
            {
                s.Key,
                Counts = (s.Finished, s.Approved, s.Rejected, s.Revoked, s.PromisedCounted, s.PromisedOnTime, s.StatutoryCounted, s.StatutoryOnTime, s.Timed,
                    s.GovernmentMinutes, s.ApplicantMinutes, s.ExcludedMinutes),
                Buckets = s.Buckets.ToArray(),
            })
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Department, StringComparer.Ordinal).ThenBy(g => g.Key.ServiceId, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected.Select(g => g.Key), actual.Select(g => g.Key));
        Assert.Equal(expected.Select(g => g.Counts), actual.Select(g => g.Counts));
        Assert.Equal(expected.Select(g => g.Buckets), actual.Select(g => g.Buckets));
    }

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private async Task ClearRollupAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM compliance_rollup";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "DELETE FROM compliance_totals";
        await command.ExecuteNonQueryAsync();
    }

    [StoreFact]
    public async Task Incidents_AreStoredWithTheEventsTheyHold_AndFoundByStatus()
    {
        var application = NewApplication();
        var incident = new IncidentRecord
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = application.Id,
            Status = IncidentStatuses.Open,
            StepId = "transfer",
            Error = "条件 'buyerName > 5' 无法求值",
            ErrorType = "StepExecutionException",
            RaisedAt = Now,
            UpdatedAt = Now,
            Events =
            [
                new ParkedEvent(new StepCompletedEvent("contract", 1, StepOutcome.Approved, null, new Dictionary<string, string> { ["n"] = "1" }, "hud-clerk", Now, true) { Department = "HUD", Materials = ["deed@v2"], Compliance = HeldCompliance }, Now),
                new ParkedEvent(new TimerFiredEvent("t1", "stage"), Now.AddMinutes(1)),
            ],
        };
        var changes = new EngineChanges();
        changes.Inserted.Add(application);
        changes.Incidents[incident.Id] = incident;
        await SaveAsync(changes);

        var queries = new SqlIncidentQueries(Database);
        var stored = (await queries.GetAsync(incident.Id, CancellationToken.None))!;
        var held = Assert.IsType<StepCompletedEvent>(stored.Events[0].Event);
        Assert.Equal(("contract", "HUD", "1", "deed@v2"), (held.StepId, held.Department, held.Outputs!["n"], held.Materials![0]));
        // Retried later, the report is compared as the host sent it.
        Assert.Equal(HeldCompliance, held.Compliance);
        Assert.IsType<TimerFiredEvent>(stored.Events[1].Event);
        Assert.Equal(1, await queries.CountOpenAsync(CancellationToken.None));
        Assert.Single(await queries.ListAsync(IncidentStatuses.Open, 10, 0, CancellationToken.None));
        Assert.Empty(await queries.ListAsync(IncidentStatuses.Resolved, 10, 0, CancellationToken.None));
        await using (var reader = await new SqlEngineStore(Database).OpenReaderAsync(CancellationToken.None))
        {
            Assert.Equal(incident.Id, (await reader.LoadOpenIncidentAsync(application.Id, CancellationToken.None))!.Id);
        }
    }

    [StoreFact]
    public async Task FailedMessages_AreKept_AndSentAgainOnceThroughTheOutbox()
    {
        var store = new SqlFailedMessageStore(Database, new OutboxSignal());
        var failed = new FailedMessageRecord
        {
            Id = Guid.CreateVersion7(), Queue = "engine.reports", MessageId = Guid.NewGuid().ToString(), MessageType = "StepCompleted",
            Body = """{"outcome":"maybe"}""", Error = "InvalidMessageException: outcome", FailedAt = Now,
        };
        await store.RecordAsync(failed, CancellationToken.None);

        Assert.Single(await store.ListAsync(includeReplayed: false, 10, 0, CancellationToken.None));
        Assert.True(await store.ReplayAsync(failed.Id, "admin", Now, CancellationToken.None));
        Assert.False(await store.ReplayAsync(failed.Id, "admin", Now, CancellationToken.None));
        Assert.Empty(await store.ListAsync(includeReplayed: false, 10, 0, CancellationToken.None));
        var row = Assert.Single(await new SqlOutboxStore(Database).LeaseAsync("relay", Now, TimeSpan.FromSeconds(30), 10, CancellationToken.None));
        Assert.Equal((failed.MessageId, "engine.reports", "StepCompleted", failed.Body), (row.MessageId.ToString(), row.Destination, row.MessageType, row.Body));
    }

    /// <summary>
    /// A message of a contract type added after the host's release is ignored, as the version rule says, and kept apart
    /// from the failures: listed on its own, not counted as stuck work, and still there to send again after an upgrade.
    /// </summary>
    [StoreFact]
    public async Task IgnoredMessages_AreKeptApartFromTheFailures_AndNotCountedAsStuck()
    {
        var store = new SqlFailedMessageStore(Database, new OutboxSignal());
        var ignored = new FailedMessageRecord
        {
            Id = Guid.CreateVersion7(), Queue = "dept.SAMR", MessageId = Guid.NewGuid().ToString(), MessageType = "StepAddedLater",
            Body = """{"contractVersion":1}""", Error = "本主机的版本不认识消息类型 StepAddedLater", FailedAt = Now, Ignored = true,
        };
        await store.RecordAsync(ignored, CancellationToken.None);

        Assert.Empty(await store.ListAsync(includeReplayed: true, 10, 0, CancellationToken.None));
        Assert.Equal(0, (await new SqlStuckWorkQueries(Database).CountAsync(Now, withSteps: false, CancellationToken.None)).FailedMessages);
        var kept = Assert.Single(await store.ListIgnoredAsync(includeReplayed: false, 10, 0, CancellationToken.None));
        Assert.Equal((ignored.MessageId, "StepAddedLater", true), (kept.MessageId, kept.MessageType, kept.Ignored));
        Assert.True((await store.GetAsync(ignored.Id, CancellationToken.None))!.Ignored);
    }

    [StoreFact]
    public async Task AuditLines_FormAChainPerApplication_ThatTheWholeDatabaseCheckFindsIntactOrBroken()
    {
        var first = NewApplication();
        var second = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.AddRange([first, second]);
        foreach (var (application, type) in new[] { (first, "ApplicationSubmitted"), (second, "ApplicationSubmitted"), (first, "StepDispatched"), (first, "StepApproved") })
        {
            changes.Audit.Add(new AuditRecord(application.Id, Now, type, null, "zhangsan", null));
        }

        await SaveAsync(changes);
        Assert.Equal((3, 1), (first.AuditSequence, second.AuditSequence));
        var audit = new SqlAuditStore(Database);
        var intact = await audit.VerifyAllAsync(CancellationToken.None);
        Assert.True(intact.Verified);
        Assert.Equal((2, 4), (intact.Applications, intact.Lines));

        await using (var write = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(write.Connection, "UPDATE audit_events SET actor = 'someone else' WHERE type = 'StepDispatched'", transaction: write.Transaction);
            await write.CommitAsync(CancellationToken.None);
        }

        var broken = await audit.VerifyAllAsync(CancellationToken.None);
        Assert.False(broken.Verified);
        Assert.Equal((first.Id, 2L), (broken.BrokenApplication!.Value, broken.Result.BrokenPosition!.Value));
    }

    [StoreFact]
    public async Task Credentials_KeepTheHashAndStamp_AndLockAfterTheLimit_ThenForgiveOnSuccess()
    {
        var store = new SqlCredentialStore(Database);
        var policy = new LockoutPolicy(3, TimeSpan.FromMinutes(15));
        Assert.Null(await store.FindAsync("zhangsan", CancellationToken.None));
        Assert.Null(await store.RecordFailureAsync("nobody", Now, policy, CancellationToken.None));

        await store.SetPasswordAsync("zhangsan", "AQAAAAIAAYagAAAAE-hash", "stamp-1", Now, CancellationToken.None);
        var first = await store.RecordFailureAsync("zhangsan", Now, policy, CancellationToken.None);
        var second = await store.RecordFailureAsync("zhangsan", Now, policy, CancellationToken.None);
        var third = await store.RecordFailureAsync("zhangsan", Now, policy, CancellationToken.None);

        Assert.Equal((1, false), (first!.FailedCount, first.IsLockedAt(Now)));
        Assert.Equal((2, false), (second!.FailedCount, second.IsLockedAt(Now)));
        Assert.Equal(0, third!.FailedCount);
        Assert.Equal(Now.AddMinutes(15), third.LockedUntil);
        Assert.False(third.IsLockedAt(Now.AddMinutes(15)));

        await store.RecordSuccessAsync("zhangsan", CancellationToken.None);
        await store.RehashAsync("zhangsan", "AQAAAAIAAYagAAAAE-stronger", CancellationToken.None);
        var forgiven = await store.FindAsync("zhangsan", CancellationToken.None);
        Assert.Equal(new UserCredential("zhangsan", "AQAAAAIAAYagAAAAE-stronger", "stamp-1", 0, null, Now), forgiven);

        await store.SetPasswordAsync("zhangsan", "AQAAAAIAAYagAAAAE-new", "stamp-2", Now.AddDays(1), CancellationToken.None);
        Assert.Equal(
            new UserCredential("zhangsan", "AQAAAAIAAYagAAAAE-new", "stamp-2", 0, null, Now.AddDays(1)),
            await store.FindAsync("zhangsan", CancellationToken.None));
    }

    /// <summary>
    /// Issue 11: the failures of a name with no account were counted in each process's memory, so two engine processes
    /// gave a prober twice the tries for a made-up name, and a restart forgot them. Now they are rows, counted and locked
    /// as an account's credential is, whatever the name's case.
    /// </summary>
    [StoreFact]
    public async Task UnknownNames_AreCountedRegardlessOfCase_AndLockedAsAnAccountIs()
    {
        var store = new SqlUnknownNameLockouts(Database);
        var policy = new LockoutPolicy(3, TimeSpan.FromMinutes(15));
        Assert.Null(await store.LockedUntilAsync("ghost", Now, CancellationToken.None));

        var first = await store.RecordFailureAsync("ghost", Now, policy, CancellationToken.None);
        var second = await store.RecordFailureAsync("GHOST", Now, policy, CancellationToken.None);
        var third = await store.RecordFailureAsync("Ghost", Now, policy, CancellationToken.None);
        // Another process, or this one after a restart, reads the same lock.
        var elsewhere = new SqlUnknownNameLockouts(Database);

        Assert.Equal((null, null), (first, second));
        Assert.Equal(Now.AddMinutes(15), third);
        Assert.Equal(Now.AddMinutes(15), await elsewhere.LockedUntilAsync("gHoSt", Now.AddMinutes(14), CancellationToken.None));
        Assert.Null(await elsewhere.LockedUntilAsync("ghost", Now.AddMinutes(15), CancellationToken.None));
        Assert.Null(await store.LockedUntilAsync("ghost-2", Now, CancellationToken.None));

        // The count starts again after the lock, as an account's does: three more lock it again.
        var later = Now.AddMinutes(20);
        Assert.Null(await store.RecordFailureAsync("ghost", later, policy, CancellationToken.None));
        Assert.Null(await store.RecordFailureAsync("ghost", later, policy, CancellationToken.None));
        Assert.Equal(later.AddMinutes(15), await store.RecordFailureAsync("ghost", later, policy, CancellationToken.None));

        // A policy of one try locks at the first.
        Assert.Equal(Now.AddMinutes(15), await store.RecordFailureAsync("once", Now, policy with { MaxFailures = 1 }, CancellationToken.None));
    }

    /// <summary>Failures of one name at the same moment, as from two engine processes: none of them is lost.</summary>
    [StoreFact]
    public async Task UnknownNames_FailuresAtOnce_AreEachCounted()
    {
        var policy = new LockoutPolicy(25, TimeSpan.FromMinutes(15));
        var stores = new[] { new SqlUnknownNameLockouts(Database), new SqlUnknownNameLockouts(Database) };

        var racing = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() =>
            stores[i % 2].RecordFailureAsync(i % 3 == 0 ? "prober" : "PROBER", Now, policy, CancellationToken.None))));
        var last = await stores[0].RecordFailureAsync("prober", Now, policy, CancellationToken.None);

        Assert.All(racing, r => Assert.Null(r));
        Assert.Equal(Now.AddMinutes(15), last);
    }

    /// <summary>
    /// A stream of made-up names cannot grow the table without bound: a name neither locked nor tried for a day is
    /// forgotten at the next failure written, while a name still locked is kept.
    /// </summary>
    [StoreFact]
    public async Task UnknownNames_NotLockedAndUntouchedForADay_ArePurged_WhileLockedOnesStay()
    {
        var store = new SqlUnknownNameLockouts(Database);
        var policy = new LockoutPolicy(3, TimeSpan.FromMinutes(15));
        var longLock = policy with { Duration = TimeSpan.FromDays(3) };
        foreach (var i in Enumerable.Range(0, 50))
        {
            await store.RecordFailureAsync($"made-up-{i}", Now, policy, CancellationToken.None);
        }

        await store.RecordFailureAsync("counted", Now, policy, CancellationToken.None);
        await store.RecordFailureAsync("counted", Now, policy, CancellationToken.None);
        foreach (var i in Enumerable.Range(0, 3))
        {
            await store.RecordFailureAsync("locked-long", Now, longLock, CancellationToken.None);
        }

        Assert.Equal(52, await CountUnknownNamesAsync());
        var nextDay = Now + SqlUnknownNameLockouts.Retention + TimeSpan.FromMinutes(1);
        Assert.Null(await store.RecordFailureAsync("someone-else", nextDay, policy, CancellationToken.None));

        Assert.Equal(2, await CountUnknownNamesAsync());
        Assert.Equal(Now.AddDays(3), await store.LockedUntilAsync("locked-long", nextDay, CancellationToken.None));
        // "counted" was forgotten with its two failures: one more does not lock it.
        Assert.Null(await store.RecordFailureAsync("counted", nextDay, policy, CancellationToken.None));
    }

    private async Task<long> CountUnknownNamesAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM unknown_sign_in_names");
    }

    [StoreFact]
    public async Task DepartmentAccessLog_ChainsEveryLine_AlsoWrittenAtOnce_ListsByDepartment_AndFindsAnEditedOrLostLine()
    {
        var log = new SqlDepartmentAccessLog(Database, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        var first = Guid.CreateVersion7(Now);
        var second = Guid.CreateVersion7(Now.AddSeconds(1));
        await log.RecordAsync(first, "samr-clerk", AccessTypes.TaskViewed,
            new Dictionary<string, string?> { ["department"] = "SAMR", ["step"] = "business-licence" }, CancellationToken.None);
        // Twenty clerks at once: appenders follow one another, so the chain has no gap and no fork.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => log.RecordAsync(i % 2 == 0 ? first : second, $"psb-clerk-{i}", AccessTypes.MaterialDownloaded,
            new Dictionary<string, string?> { ["material"] = "身份证明\u202E", ["department"] = "PSB", ["step"] = "seal-engraving" }, CancellationToken.None)));

        var (intact, lines) = await log.VerifyAsync(CancellationToken.None);
        var samr = await log.ListAsync(null, "SAMR", 50, 0, CancellationToken.None);
        var secondsLines = await log.ListAsync(second, null, 50, 0, CancellationToken.None);
        var page = await log.ListAsync(null, null, 5, 0, CancellationToken.None);

        Assert.True(intact.Verified, intact.Problem);
        Assert.Equal(21, lines);
        var line = Assert.Single(samr);
        Assert.Equal((first, "samr-clerk", AccessTypes.TaskViewed, "business-licence", 1L, Now), (line.ApplicationId, line.Actor, line.Type, line.StepId, line.Sequence, line.At));
        Assert.Equal(10, secondsLines.Count);
        Assert.Equal([21L, 20, 19, 18, 17], page.Select(l => l.Sequence));
        Assert.Empty(await log.ListAsync(null, "", 50, 0, CancellationToken.None));

        // Someone with the database edits who downloaded a material: the chain breaks at that line.
        var seventh = (await log.ListAsync(null, null, 1, 14, CancellationToken.None))[0];
        Assert.Equal(7L, seventh.Sequence);
        await TamperAsync("UPDATE department_access_log SET actor = 'someone else' WHERE seq = 7");
        var edited = (await log.VerifyAsync(CancellationToken.None)).Verification;
        Assert.False(edited.Verified);
        Assert.Equal(7L, edited.BrokenPosition);

        // Put back, then the last line deleted: only the head knows it was there.
        await TamperAsync($"UPDATE department_access_log SET actor = '{seventh.Actor}' WHERE seq = 7");
        Assert.True((await log.VerifyAsync(CancellationToken.None)).Verification.Verified);
        await TamperAsync("DELETE FROM department_access_log WHERE seq = 21");
        var lost = await log.VerifyAsync(CancellationToken.None);
        Assert.False(lost.Verification.Verified);
        Assert.Equal(20, lost.Lines);
    }

    private async Task TamperAsync(string sql)
    {
        await using var write = await Database.BeginWriteAsync(CancellationToken.None);
        await Dapper.SqlMapper.ExecuteAsync(write.Connection, sql, transaction: write.Transaction);
        await write.CommitAsync(CancellationToken.None);
    }

    [StoreFact]
    public async Task SignInEvents_AreListedNewestFirst_ForEveryoneOrOneUser_OfTheKindsAsked()
    {
        var log = new SqlSignInLog(Database);
        await log.RecordAsync(new SignInEvent(0, Now, SignInEventKinds.Failed, "zhang\u202Esan", null, "127.0.0.1", "token"), CancellationToken.None);
        await log.RecordAsync(new SignInEvent(0, Now.AddSeconds(1), SignInEventKinds.Succeeded, "张三", "zhangsan", "::1", "page"), CancellationToken.None);
        await log.RecordAsync(new SignInEvent(0, Now.AddSeconds(2), SignInEventKinds.SignedOut, "张三", "zhangsan", null, "page"), CancellationToken.None);

        var all = await log.ListAsync(null, null, 10, 0, CancellationToken.None);
        var mine = await log.ListAsync("zhangsan", null, 1, 1, CancellationToken.None);
        var problems = await log.ListAsync(null, SignInEventKinds.Problems, 10, 0, CancellationToken.None);
        var mineOfTwoKinds = await log.ListAsync("zhangsan", [SignInEventKinds.SignedOut, SignInEventKinds.Failed], 10, 0, CancellationToken.None);

        Assert.Equal([SignInEventKinds.SignedOut, SignInEventKinds.Succeeded, SignInEventKinds.Failed], all.Select(e => e.Kind));
        Assert.Equal("zhang\u202Esan", Assert.Single(problems).UserName);
        Assert.Equal(SignInEventKinds.SignedOut, Assert.Single(mineOfTwoKinds).Kind);
        Assert.Equal("zhang\u202Esan", all[2].UserName);
        Assert.Equal(Now.AddSeconds(1), Assert.Single(mine).At);
        Assert.Equal(("::1", "page"), (mine[0].ClientAddress, mine[0].Channel));
    }

    /// <summary>
    /// A platform session stands while no sign-out was written after the sign-in it began with. Two engine processes on
    /// one database write with their own clocks: a sign-in written after a sign-out may carry an earlier time. The order
    /// that counts is the order of writing (the ids), so the new session stands, and the sign-out before it is still
    /// found as the user's last one.
    /// </summary>
    [StoreFact]
    public async Task SignInEvents_WrittenLater_CountAsLater_WhateverTimeTheirProcessGave()
    {
        var log = new SqlSignInLog(Database);
        await log.RecordAsync(new SignInEvent(0, Now.AddSeconds(10), SignInEventKinds.Succeeded, "张三", "zhangsan", null, "oidc"), CancellationToken.None);
        var signedOut = await log.RecordAsync(new SignInEvent(0, Now.AddSeconds(5), SignInEventKinds.SignedOut, "张三", "zhangsan", null, "page"), CancellationToken.None);
        var began = await log.RecordAsync(new SignInEvent(0, Now.AddSeconds(3), SignInEventKinds.Succeeded, "张三", "zhangsan", null, "oidc"), CancellationToken.None);
        await log.RecordAsync(new SignInEvent(0, Now.AddSeconds(9), SignInEventKinds.Failed, "张三", "zhangsan", null, "page"), CancellationToken.None);

        Assert.True(began > signedOut);
        // Listed by time, the first sign-in (its process's clock ahead) reads as the latest; by writing, it is not.
        Assert.NotEqual(began, (await log.ListAsync("zhangsan", [SignInEventKinds.Succeeded], 1, 0, CancellationToken.None))[0].Id);
        Assert.Equal(signedOut, await log.LatestIdAsync("zhangsan", SignInEventKinds.SignedOut, CancellationToken.None));
        Assert.Equal(began, await log.LatestIdAsync("zhangsan", SignInEventKinds.Succeeded, CancellationToken.None));
        Assert.Equal(0, await log.LatestIdAsync("lisi", SignInEventKinds.SignedOut, CancellationToken.None));
    }

    [StoreFact]
    public async Task StepCompliance_KeepsBothViews_AndListsDisagreementsNewestFirst_ByFilter()
    {
        var application = await SaveNewApplicationAsync();
        var engine = new ComplianceView(Now, Now.AddMinutes(5), Now.AddHours(1), Now.AddHours(2), 60, 15, true);
        var host = new ComplianceView(Now.AddMinutes(1), null, Now.AddHours(1), Now.AddHours(1), null, null, false);
        var changes = new EngineChanges();
        changes.Updated.Add(application);
        changes.Compliance.Add(Compliance(application.Id, "licence", "SAMR", Now.AddHours(3), engine, host, [ComplianceKinds.OnTimeDiffers, ComplianceKinds.DueDiffers]));
        changes.Compliance.Add(Compliance(application.Id, "seal", "PSB", Now.AddHours(4), engine, null, []));
        changes.Compliance.Add(Compliance(application.Id, "bank", "BANK", Now.AddHours(5), engine, host with { OnTime = true }, [ComplianceKinds.DueDiffers]));
        changes.Compliance.Add(Compliance(application.Id, "tax", "TAX", Now.AddHours(6), engine, host, [ComplianceKinds.WorkingTimeDiffers]));
        await SaveAsync(changes);
        var queries = new SqlComplianceMismatchQueries(Database);
        ComplianceMismatchFilter Filter(string? department = null, string? kind = null, int offset = 0, int limit = 50) =>
            new(Now, Now.AddDays(1), department, null, kind, offset, limit);

        var all = await queries.ListAsync(Filter(), CancellationToken.None);
        var due = await queries.ListAsync(Filter(kind: ComplianceKinds.DueDiffers), CancellationToken.None);
        var notReported = await queries.ListAsync(Filter(kind: ComplianceKinds.NotReported), CancellationToken.None);
        var samr = await queries.ListAsync(Filter(department: "SAMR"), CancellationToken.None);
        var second = await queries.ListAsync(Filter(offset: 1, limit: 1), CancellationToken.None);
        var later = await queries.ListAsync(new ComplianceMismatchFilter(Now.AddDays(1), Now.AddDays(2), null, null, null, 0, 50), CancellationToken.None);

        Assert.Equal(["tax", "bank", "licence"], all.Items.Select(i => i.Record.StepId));
        Assert.Equal(3, all.Total);
        Assert.Equal(["bank", "licence"], due.Items.Select(i => i.Record.StepId));
        Assert.Equal("seal", Assert.Single(notReported.Items).Record.StepId);
        Assert.False(notReported.Items[0].Record.HostReported);
        Assert.Equal((1, 3), (second.Items.Count, second.Total));
        Assert.Equal("bank", second.Items[0].Record.StepId);
        Assert.Empty(later.Items);
        var licence = Assert.Single(samr.Items);
        Assert.Equal(application.TrackingNumber, licence.TrackingNumber);
        Assert.Equal(engine, licence.Record.Engine);
        Assert.Equal(host, licence.Record.Host);
        Assert.Equal([ComplianceKinds.OnTimeDiffers, ComplianceKinds.DueDiffers], licence.Record.Kinds);
        Assert.Equal((Now, Now.AddHours(3), false), (licence.Record.DispatchedAt, licence.Record.ReportedAt, licence.Record.ReportedOnTime));
    }

    [StoreFact]
    public async Task StepReports_KeepEveryReport_AgreeingOrNot_ByApplication_ButListOnlyTheDisagreements()
    {
        var application = await SaveNewApplicationAsync();
        var engine = new ComplianceView(Now, Now.AddMinutes(5), Now.AddHours(1), Now.AddHours(2), 60, 15, true);
        var changes = new EngineChanges();
        changes.Updated.Add(application);
        changes.Compliance.Add(Compliance(application.Id, "seal", "PSB", Now.AddHours(4), engine, engine, []) with { SentAt = Now.AddHours(1) });
        changes.Compliance.Add(Compliance(application.Id, "licence", "SAMR", Now.AddHours(3), engine, engine with { DueAt = Now }, [ComplianceKinds.DueDiffers]));
        await SaveAsync(changes);

        var reports = await new SqlStepReportQueries(Database).ForApplicationAsync(application.Id, CancellationToken.None);
        var listed = await new SqlComplianceMismatchQueries(Database).ListAsync(new(Now, Now.AddDays(1), null, null, null, 0, 50), CancellationToken.None);

        Assert.Equal(["licence", "seal"], reports.Select(r => r.StepId));
        var seal = reports[1];
        Assert.Equal((engine, engine, Now.AddHours(1), Now.AddHours(4)), (seal.Engine, seal.Host, seal.SentAt, seal.ReportedAt));
        Assert.Empty(seal.Kinds);
        Assert.Null(reports[0].SentAt);
        Assert.Equal([ComplianceKinds.DueDiffers], reports[0].Kinds);
        Assert.Equal("licence", Assert.Single(listed.Items).Record.StepId);
        Assert.Empty(await new SqlStepReportQueries(Database).ForApplicationAsync(Guid.NewGuid(), CancellationToken.None));
    }

    private static readonly ComplianceView HeldCompliance = new(Now.AddMinutes(-30), null, Now, Now.AddHours(1), 30, null, true);

    private static StepComplianceRecord Compliance(
        Guid applicationId, string stepId, string department, DateTimeOffset reportedAt, ComplianceView engine, ComplianceView? host, string[] kinds) =>
        new(applicationId, stepId, 1, department, "business-opening", Now, reportedAt, engine, host, host?.OnTime ?? true, kinds);

    /// <summary>Statements that make every insert into <c>user_credentials</c> fail (a disk full, a lost connection), and the one that undoes them.</summary>
    protected virtual (string[] Refuse, string Allow) FailingPasswordInserts => (
        ["CREATE TRIGGER refuse_passwords BEFORE INSERT ON user_credentials BEGIN SELECT RAISE(ABORT, 'injected failure'); END"],
        "DROP TRIGGER refuse_passwords");

    [StoreFact]
    public async Task CreateUser_WhenThePasswordCannotBeStored_LeavesNoUser_AndTheNameFree()
    {
        var accounts = new SqlUserAccounts(Database);
        var user = new UserRecord("new-clerk", "新办事员", Roles.Clerk, "SAMR");
        var password = new UserCredential(user.Id, "hash", "stamp", 0, null, Now);
        var audit = new AdminAuditEntry(0, Now, "admin", AdminAuditActions.Created, AdminAuditEntry.User, user.Id, "role=clerk");
        var (refuse, allow) = FailingPasswordInserts;
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            foreach (var sql in refuse)
            {
                await Dapper.SqlMapper.ExecuteAsync(connection, sql);
            }
        }

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => accounts.CreateAsync(user, password, audit, CancellationToken.None));

        Assert.Null(await accounts.FindAsync(user.Id, CancellationToken.None));
        Assert.Empty(await new SqlAdminAudit(Database).ListAsync(AdminAuditEntry.User, user.Id, 10, CancellationToken.None));
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, allow);
        }

        Assert.True(await accounts.CreateAsync(user, password, audit, CancellationToken.None));
        Assert.True((await accounts.FindAsync(user.Id, CancellationToken.None))!.HasPassword);
        Assert.Equal("stamp", (await new SqlCredentialStore(Database).FindAsync(user.Id, CancellationToken.None))!.SecurityStamp);
    }

    [StoreFact]
    public async Task SearchUsers_FiltersByRoleDepartmentAndText_AndPages()
    {
        var accounts = new SqlUserAccounts(Database);
        string[] ids = ["ap-1", "ap-2", "ap-3", "ap_x", "samr-1"];
        foreach (var id in ids)
        {
            var user = id.StartsWith("samr", StringComparison.Ordinal)
                ? new UserRecord(id, "市场监管窗口", Roles.Clerk, "SAMR")
                : new UserRecord(id, "申请人" + id, Roles.Applicant, null);
            Assert.True(await accounts.CreateAsync(
                user,
                new UserCredential(id, "hash", "stamp-" + id, 0, null, Now),
                new AdminAuditEntry(0, Now, "admin", AdminAuditActions.Created, AdminAuditEntry.User, id, null),
                CancellationToken.None));
        }

        var page = await accounts.SearchAsync(new UserFilter(Roles.Applicant), 2, 1, CancellationToken.None);
        Assert.Equal(4, page.Total);
        Assert.Equal(["ap-2", "ap-3"], page.Items.Select(a => a.User.Id));
        Assert.Equal(["samr-1"], (await accounts.SearchAsync(new UserFilter(Department: "SAMR"), 10, 0, CancellationToken.None)).Items.Select(a => a.User.Id));
        Assert.Equal(["samr-1"], (await accounts.SearchAsync(new UserFilter(Text: "监管"), 10, 0, CancellationToken.None)).Items.Select(a => a.User.Id));
        Assert.Equal(["ap_x"], (await accounts.SearchAsync(new UserFilter(Text: "AP_"), 10, 0, CancellationToken.None)).Items.Select(a => a.User.Id));
        Assert.Equal(0, (await accounts.SearchAsync(new UserFilter(Roles.Clerk, "SAMR", "ap"), 10, 0, CancellationToken.None)).Total);
    }

    private static OpenClockRecord OpenClock(
        ApplicationRecord application, string clockId, double warnHours, double? dueHours, double? statutoryWarnHours = null, double? statutoryDueHours = null,
        string? serviceId = null, bool paused = false) =>
        new(application.Id, clockId, clockId == "bundle" ? OpenClockRecord.BundleKind : OpenClockRecord.StageKind, serviceId ?? application.ServiceId, "时限 " + clockId,
            Now.AddHours(warnHours), dueHours is { } d ? Now.AddHours(d) : null,
            statutoryWarnHours is { } sw ? Now.AddHours(sw) : null, statutoryDueHours is { } sd ? Now.AddHours(sd) : null, paused);

    /// <summary>
    /// A paused clock's due time does not run, so how late it is does not grow: the list puts it after the running clocks
    /// of its colour, however early its due time, and says it is paused.
    /// </summary>
    [StoreFact]
    public async Task OpenClocks_APausedClock_ComesAfterTheRunningOnesOfItsColour()
    {
        var a = NewApplication();
        var b = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.AddRange([a, b]);
        changes.Clocks[a.Id] =
        [
            OpenClock(a, "stage-1", -9, -5, paused: true),   // red, due 5 h ago, standing still since
            OpenClock(a, "bundle", -7, 2, paused: true),     // yellow, standing still
        ];
        changes.Clocks[b.Id] =
        [
            OpenClock(b, "stage-2", -6, -1),                 // red since an hour ago, running
            OpenClock(b, "bundle", -3, 4),                   // yellow, running
        ];
        await SaveAsync(changes);

        var all = await new SqlOpenClockStore(Database).ListLateAsync(null, null, Now, 0, 100, CancellationToken.None);

        Assert.Equal([(b.Id, "stage-2", false), (a.Id, "stage-1", true), (b.Id, "bundle", false), (a.Id, "bundle", true)],
            all.Items.Select(i => (i.ApplicationId, i.ClockId, i.Paused)));
    }

    /// <summary>
    /// The administrator's list of late bundles and stages is a query over the clocks the engine stores with each
    /// application: red (a due time passed) before yellow (a warning time passed), then the most urgent card's due time,
    /// earliest first; a clock not yet yellow is not listed; the filters narrow it and the total counts every match, not
    /// only the page.
    /// </summary>
    [StoreFact]
    public async Task OpenClocks_ListRedBeforeYellow_ThenTheEarliestDue_WithTheirTotal_AndTheFilters()
    {
        var a = NewApplication();
        var b = NewApplication();
        var c = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.AddRange([a, b, c]);
        changes.Clocks[a.Id] =
        [
            OpenClock(a, "bundle", -5, 3),            // yellow, due in 3 h
            OpenClock(a, "stage-1", -6, -1),          // red since an hour ago
        ];
        changes.Clocks[b.Id] =
        [
            OpenClock(b, "bundle", 1, 4),             // not yet yellow
            OpenClock(b, "stage-2", -9, -3, -2, 5),   // red against the promised limit, yellow against the statutory: red, due 3 h ago
            OpenClock(b, "stage-3", -8, null),        // yellow, paused short of its due time
        ];
        changes.Clocks[c.Id] = [OpenClock(c, "bundle", -4, 2, serviceId: "construction-permit")];
        await SaveAsync(changes);
        var store = new SqlOpenClockStore(Database);

        var all = await store.ListLateAsync(null, null, Now, 0, 100, CancellationToken.None);

        Assert.Equal(5, all.Total);
        Assert.Equal(["stage-2", "stage-1", "bundle", "bundle", "stage-3"], all.Items.Select(i => i.ClockId));
        Assert.Equal([b.Id, a.Id, c.Id, a.Id, b.Id], all.Items.Select(i => i.ApplicationId));
        var stage = all.Items[0];
        Assert.Equal((OpenClockRecord.StageKind, "business-opening", "时限 stage-2", Now.AddHours(-9), Now.AddHours(-3), Now.AddHours(-2), Now.AddHours(5)),
            (stage.Kind, stage.ServiceId, stage.Title, stage.WarnAt, stage.DueAt, stage.StatutoryWarnAt, stage.StatutoryDueAt));

        var page = await store.ListLateAsync(null, null, Now, 1, 2, CancellationToken.None);
        Assert.Equal(5, page.Total);
        Assert.Equal(["stage-1", "bundle"], page.Items.Select(i => i.ClockId));
        Assert.Equal(5, (await store.ListLateAsync(null, null, Now, 10, 2, CancellationToken.None)).Total);
        var red = await store.ListLateAsync("business-opening", WarningLevel.Red, Now, 0, 100, CancellationToken.None);
        Assert.Equal(2, red.Total);
        Assert.Equal(["stage-2", "stage-1"], red.Items.Select(i => i.ClockId));
        var yellow = await store.ListLateAsync("business-opening", WarningLevel.Yellow, Now, 0, 100, CancellationToken.None);
        Assert.Equal([(a.Id, "bundle"), (b.Id, "stage-3")], yellow.Items.Select(i => (i.ApplicationId, i.ClockId)));
        Assert.Equal([c.Id], (await store.ListLateAsync("construction-permit", null, Now, 0, 100, CancellationToken.None)).Items.Select(i => i.ApplicationId));
        Assert.Equal(0, (await store.ListLateAsync("no-such-service", null, Now, 0, 100, CancellationToken.None)).Total);

        // Two hours on, b's bundle turns yellow and the construction permit's due time passes.
        var later = await store.ListLateAsync(null, null, Now.AddHours(2), 0, 100, CancellationToken.None);
        Assert.Equal(["stage-2", "stage-1", "bundle", "bundle", "bundle", "stage-3"], later.Items.Select(i => i.ClockId));
        Assert.Equal([b.Id, a.Id, c.Id, a.Id, b.Id, b.Id], later.Items.Select(i => i.ApplicationId));
    }

    /// <summary>
    /// An application's stored clocks are replaced whenever the engine writes them with its state, and go when it ends
    /// (written as none); another application's stay.
    /// </summary>
    [StoreFact]
    public async Task OpenClocks_AreReplacedWithTheApplication_AndGoWhenItEnds()
    {
        var a = NewApplication();
        var b = NewApplication();
        var first = new EngineChanges();
        first.Inserted.AddRange([a, b]);
        first.Clocks[a.Id] = [OpenClock(a, "bundle", -1, 3), OpenClock(a, "stage-1", -2, 2)];
        first.Clocks[b.Id] = [OpenClock(b, "bundle", -1, 1)];
        await SaveAsync(first);
        var store = new SqlOpenClockStore(Database);

        var stageDone = new EngineChanges();
        stageDone.Updated.Add(await LoadAsync(a.Id));
        stageDone.Clocks[a.Id] = [OpenClock(a, "bundle", -1, -1)];
        await SaveAsync(stageDone);
        Assert.Equal([(a.Id, "bundle"), (b.Id, "bundle")], (await store.ListLateAsync(null, null, Now, 0, 10, CancellationToken.None)).Items.Select(i => (i.ApplicationId, i.ClockId)));

        var ended = new EngineChanges();
        ended.Updated.Add(await LoadAsync(a.Id));
        ended.Clocks[a.Id] = [];
        await SaveAsync(ended);
        Assert.Equal([b.Id], (await store.ListLateAsync(null, null, Now, 0, 10, CancellationToken.None)).Items.Select(i => i.ApplicationId));
    }

    /// <summary>
    /// The applications running before the clocks were stored are counted once: the migration leaves the count pending;
    /// an application the engine saved after it was read keeps the clocks the engine wrote, and is named to be read and
    /// counted again, as is one the engine saved without writing clocks (a claim or a report moves none), which would
    /// otherwise never be listed; finishing clears the count.
    /// </summary>
    [StoreFact]
    public async Task OpenClocks_Backfill_StoresTheCounted_CountsAgainWhatTheEngineSavedSince_AndRunsOnce()
    {
        var store = new SqlOpenClockStore(Database);
        Assert.True(await store.BackfillPendingAsync(CancellationToken.None));
        var quiet = await SaveNewApplicationAsync();
        var moved = await SaveNewApplicationAsync();
        var claimed = await SaveNewApplicationAsync();
        var readBefore = await LoadAsync(moved.Id);
        var claimedBefore = await LoadAsync(claimed.Id);
        var saved = new EngineChanges();
        saved.Updated.Add(await LoadAsync(moved.Id));
        saved.Clocks[moved.Id] = [OpenClock(moved, "bundle", -1, -1)];
        await SaveAsync(saved);
        var claim = new EngineChanges();
        claim.Updated.Add(await LoadAsync(claimed.Id));
        await SaveAsync(claim);

        var savedSince = await store.BackfillAsync(
            [
                (await LoadAsync(quiet.Id), [OpenClock(quiet, "bundle", -2, 5)]), (readBefore, [OpenClock(moved, "bundle", 5, 9)]),
                (claimedBefore, [OpenClock(claimed, "bundle", -3, 7)]),
            ],
            CancellationToken.None);

        // In no particular order: the ones saved since are read back after the lost guard, as the database returns them.
        Assert.Equal(new[] { moved.Id, claimed.Id }.Order(), savedSince.Order());
        var listed = await store.ListLateAsync(null, null, Now, 0, 10, CancellationToken.None);
        Assert.Equal([(moved.Id, Now.AddHours(-1)), (quiet.Id, Now.AddHours(5))], listed.Items.Select(i => (i.ApplicationId, i.DueAt!.Value)));
        Assert.Equal(2, (await LoadAsync(moved.Id)).Version);

        // Read and counted again, the claimed application is listed.
        Assert.Empty(await store.BackfillAsync([(await LoadAsync(claimed.Id), [OpenClock(claimed, "bundle", -3, 7)])], CancellationToken.None));
        listed = await store.ListLateAsync(null, null, Now, 0, 10, CancellationToken.None);
        Assert.Equal([(moved.Id, Now.AddHours(-1)), (quiet.Id, Now.AddHours(5)), (claimed.Id, Now.AddHours(7))], listed.Items.Select(i => (i.ApplicationId, i.DueAt!.Value)));
        await store.FinishBackfillAsync(CancellationToken.None);
        Assert.False(await store.BackfillPendingAsync(CancellationToken.None));
    }

    /// <summary>
    /// An engine from before the clocks were stored (a rolling upgrade) ends an application without deleting its rows:
    /// the list neither shows nor counts them, and forgetting the ended deletes them, leaving the running ones'.
    /// </summary>
    [StoreFact]
    public async Task OpenClocks_OfAnApplicationEndedWithoutDeletingThem_AreNotListedNorCounted_AndAreForgotten()
    {
        var running = NewApplication();
        var ended = NewApplication();
        var first = new EngineChanges();
        first.Inserted.AddRange([running, ended]);
        first.Clocks[running.Id] = [OpenClock(running, "bundle", -1, 3)];
        first.Clocks[ended.Id] = [OpenClock(ended, "bundle", -2, -1), OpenClock(ended, "stage-1", -2, 1)];
        await SaveAsync(first);
        var completed = new EngineChanges();
        var endedNow = await LoadAsync(ended.Id);
        endedNow.Status = ApplicationStatuses.Completed;
        completed.Updated.Add(endedNow);
        await SaveAsync(completed);
        var store = new SqlOpenClockStore(Database);

        var listed = await store.ListLateAsync(null, null, Now, 0, 10, CancellationToken.None);

        Assert.Equal(1, listed.Total);
        Assert.Equal([running.Id], listed.Items.Select(i => i.ApplicationId));
        Assert.Equal(0, (await store.ListLateAsync(null, WarningLevel.Red, Now, 0, 10, CancellationToken.None)).Total);
        Assert.Equal(2, await store.ForgetEndedAsync(CancellationToken.None));
        Assert.Equal(0, await store.ForgetEndedAsync(CancellationToken.None));
        Assert.Equal([running.Id], (await store.ListLateAsync(null, null, Now, 0, 10, CancellationToken.None)).Items.Select(i => i.ApplicationId));
    }

    [StoreFact]
    public void Migrations_CanRunAgain()
    {
        Database.Migrate();
        Database.Migrate();
    }
}
