using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The statements that replace an application's stored open clocks: its rows deleted, its clocks as counted inserted, in
/// the transaction that writes its state.
/// </summary>
internal static class OpenClockSql
{
    public static BatchCommand<Guid> Delete { get; } = new(
        "DELETE FROM open_clocks WHERE application_id = @ApplicationId",
        ("ApplicationId", id => id.ToString()));

    public static BatchCommand<OpenClockRecord> Insert { get; } = new(
        """
        INSERT INTO open_clocks (application_id, clock_id, kind, service_id, title, warn_at, due_at, statutory_warn_at, statutory_due_at, yellow_at, red_at, paused)
        VALUES (@ApplicationId, @ClockId, @Kind, @ServiceId, @Title, @WarnAt, @DueAt, @StatutoryWarnAt, @StatutoryDueAt, @YellowAt, @RedAt, @Paused)
        """,
        ("ApplicationId", c => c.ApplicationId.ToString()), ("ClockId", c => c.ClockId), ("Kind", c => c.Kind), ("ServiceId", c => c.ServiceId),
        ("Title", c => c.Title), ("WarnAt", c => Instants.ToMs(c.WarnAt)), ("DueAt", c => Instants.ToMs(c.DueAt)),
        ("StatutoryWarnAt", c => Instants.ToMs(c.StatutoryWarnAt)), ("StatutoryDueAt", c => Instants.ToMs(c.StatutoryDueAt)),
        ("YellowAt", c => Instants.ToMs(c.YellowAt)), ("RedAt", c => Instants.ToMs(c.RedAt)), ("Paused", c => c.Paused ? 1 : 0));

    /// <summary>
    /// Holds an application at the version its clocks were counted from until the transaction ends (a row lock on a
    /// server): affects no row where the engine has saved it since, and then wrote its clocks itself.
    /// </summary>
    public static BatchCommand<ApplicationRecord> HoldVersion { get; } = new(
        "UPDATE applications SET version = version WHERE id = @Id AND version = @Version",
        ("Id", a => a.Id.ToString()), ("Version", a => a.Version));

    /// <summary>Replaces each application's rows with <paramref name="clocks"/>.</summary>
    public static void AddReplace(WritePlan plan, IReadOnlyDictionary<Guid, IReadOnlyList<OpenClockRecord>> clocks)
    {
        if (clocks.Count == 0)
        {
            return;
        }

        plan.Add(Delete, clocks.Keys.ToArray());
        plan.Add(Insert, clocks.Values.SelectMany(c => c).ToArray());
    }
}
