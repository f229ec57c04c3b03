using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>A department host's copy of an application's form, and the answers the applicant corrected in it (补正).</summary>
public abstract partial class StoreComplianceTests
{
    /// <summary>
    /// Bug 11: the form was kept once, as the first step brought it. The newest revision now wins, whichever comes first:
    /// a correction replaces the form the step came with, a message of an older revision come late changes nothing, and
    /// each corrected answer is kept once, however often its message came.
    /// </summary>
    [StoreFact]
    public async Task DepartmentForm_KeepsTheNewestRevision_AndEachCorrectedAnswerOnce()
    {
        var store = new SqlDepartmentStore(Database);
        var task = NewTask("business-licence", 2, TaskStatuses.Open);
        var arrived = new DepartmentChanges();
        arrived.Inserted.Add(task);
        arrived.Forms.Add((task.ApplicationId, """{"businessAddress":"五四路1号"}""", 0));
        await store.SaveAsync(arrived, Now, CancellationToken.None);

        await SaveCorrectionAsync(store, task.ApplicationId, 2, "五四路8号", "八一七中路99号");
        await SaveCorrectionAsync(store, task.ApplicationId, 1, "五四路1号", "五四路8号");
        await SaveCorrectionAsync(store, task.ApplicationId, 2, "五四路8号", "八一七中路99号");
        var resent = new DepartmentChanges();
        resent.Forms.Add((task.ApplicationId, """{"businessAddress":"五四路1号"}""", 0));
        await store.SaveAsync(resent, Now, CancellationToken.None);

        var detail = await new SqlTaskQueries(Database).DetailAsync(task.Id, CancellationToken.None);
        Assert.Equal("""{"businessAddress":"八一七中路99号"}""", detail!.Form);
        Assert.Equal(
            [(1, "\"五四路1号\"", "\"五四路8号\""), (2, "\"五四路8号\"", "\"八一七中路99号\"")],
            detail.Corrections.Select(c => (c.FormRevision, c.OldJson, c.NewJson)));
        Assert.All(detail.Corrections, c => Assert.Equal(("businessAddress", Now), (c.Field, c.CorrectedAt)));
    }

    /// <summary>The engine's word that the address was corrected to <paramref name="now"/> in <paramref name="revision"/>.</summary>
    private static async Task SaveCorrectionAsync(SqlDepartmentStore store, Guid applicationId, int revision, string old, string now)
    {
        var changes = new DepartmentChanges();
        changes.Forms.Add((applicationId, $$"""{"businessAddress":"{{now}}"}""", revision));
        changes.CorrectedAnswers.Add(new CorrectedAnswer(applicationId, revision, "businessAddress", $"\"{old}\"", $"\"{now}\"", Now));
        await store.SaveAsync(changes, Now, CancellationToken.None);
    }
}
