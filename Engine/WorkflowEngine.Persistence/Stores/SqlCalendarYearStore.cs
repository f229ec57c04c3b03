using Dapper;
using WorkflowEngine.Runtime.Calendars;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Loaded holiday arrangements, one row per calendar and year.</summary>
public sealed class SqlCalendarYearStore(Database database) : ICalendarYearStore
{
    private const string Columns = "calendar_id AS CalendarId, year AS Year, body AS Body, loaded_by AS LoadedBy, loaded_at AS LoadedAt, recounted_at AS RecountedAt";

    public async Task<IReadOnlyList<StoredCalendarYear>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM calendar_years ORDER BY calendar_id, year", cancellationToken: cancellationToken));
        return rows.Select(r => new StoredCalendarYear(
            r.CalendarId, (int)r.Year, r.Body, r.LoadedBy, Instants.FromMs(r.LoadedAt), Instants.FromMs(r.RecountedAt))).ToArray();
    }

    public async Task SaveAsync(StoredCalendarYear year, CancellationToken cancellationToken)
    {
        var sql = database.Dialect.Upsert(
            "calendar_years",
            "calendar_id, year, body, loaded_by, loaded_at, recounted_at",
            "@CalendarId, @Year, @Body, @LoadedBy, @LoadedAt, @RecountedAt",
            "calendar_id, year",
            "body, loaded_by, loaded_at, recounted_at");
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            sql,
            new
            {
                year.CalendarId,
                Year = (long)year.Year,
                year.Body,
                year.LoadedBy,
                LoadedAt = Instants.ToMs(year.LoadedAt),
                RecountedAt = Instants.ToMs(year.RecountedAt),
            },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task MarkRecountedAsync(string calendarId, int year, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE calendar_years SET recounted_at = @At WHERE calendar_id = @CalendarId AND year = @Year",
            new { CalendarId = calendarId, Year = (long)year, At = Instants.ToMs(at) },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    private sealed record Row(string CalendarId, long Year, string Body, string LoadedBy, long LoadedAt, long? RecountedAt);
}
