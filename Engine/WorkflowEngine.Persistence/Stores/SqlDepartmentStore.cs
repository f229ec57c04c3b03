using System.Data.Common;
using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>A department host's writes in SQL.</summary>
public sealed class SqlDepartmentStore(Database database) : IDepartmentStore
{
    private readonly string _insertInbox = database.Dialect.InsertIgnore(
        "inbox", "consumer, message_id, processed_at", "@Consumer, @MessageId, @At", "consumer, message_id");

    public async Task<IDepartmentSession> BeginAsync(CancellationToken cancellationToken)
    {
        var (connection, transaction) = await SqlSessionOpener.OpenAsync(database, cancellationToken);
        return new Session(connection, transaction, _insertInbox);
    }

    private sealed class Session(DbConnection connection, DbTransaction transaction, string insertInbox)
        : SqlSession(connection, transaction), IDepartmentSession
    {
        private const string InsertTask = """
            INSERT INTO department_tasks (id, application_id, tracking_number, service_id, service_title, step_id, attempt,
                department, title, status, handler, automated, dispatched_at, due_at, received_at, claimed_by, claimed_at,
                completed_by, completed_at, outcome, reason, outputs_json, on_time, payload_json, note)
            VALUES (@Id, @ApplicationId, @TrackingNumber, @ServiceId, @ServiceTitle, @StepId, @Attempt,
                @Department, @Title, @Status, @Handler, @Automated, @DispatchedAt, @DueAt, @ReceivedAt, @ClaimedBy, @ClaimedAt,
                @CompletedBy, @CompletedAt, @Outcome, @Reason, @OutputsJson, @OnTime, @PayloadJson, @Note)
            """;

        private const string UpdateTask = """
            UPDATE department_tasks SET status = @Status, automated = @Automated, claimed_by = @ClaimedBy, claimed_at = @ClaimedAt,
                completed_by = @CompletedBy, completed_at = @CompletedAt, outcome = @Outcome, reason = @Reason,
                outputs_json = @OutputsJson, on_time = @OnTime, note = @Note
            WHERE id = @Id
            """;

        public async Task<bool> TryRecordMessageAsync(string consumer, string messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
            await Connection.ExecuteAsync(new CommandDefinition(
                insertInbox,
                new { Consumer = consumer, MessageId = messageId, At = Instants.ToMs(at) },
                Transaction,
                cancellationToken: cancellationToken)) == 1;

        public async Task<TaskRecord?> GetTaskAsync(Guid id, CancellationToken cancellationToken) =>
            (await Connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
                $"SELECT {TaskRow.Columns} FROM department_tasks WHERE id = @Id",
                new { Id = id.ToString() },
                Transaction,
                cancellationToken: cancellationToken)))?.ToRecord();

        public async Task<TaskRecord?> FindTaskAsync(Guid applicationId, string stepId, int attempt, CancellationToken cancellationToken) =>
            (await Connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
                $"SELECT {TaskRow.Columns} FROM department_tasks WHERE application_id = @ApplicationId AND step_id = @StepId AND attempt = @Attempt",
                new { ApplicationId = applicationId.ToString(), StepId = stepId, Attempt = attempt },
                Transaction,
                cancellationToken: cancellationToken)))?.ToRecord();

        public Task InsertTaskAsync(TaskRecord task, CancellationToken cancellationToken) =>
            Connection.ExecuteAsync(new CommandDefinition(InsertTask, TaskRow.From(task), Transaction, cancellationToken: cancellationToken));

        public Task UpdateTaskAsync(TaskRecord task, CancellationToken cancellationToken) =>
            Connection.ExecuteAsync(new CommandDefinition(UpdateTask, TaskRow.From(task), Transaction, cancellationToken: cancellationToken));

        public Task EnqueueAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken) =>
            Connection.ExecuteAsync(new CommandDefinition(OutboxSql.Insert, messages.Select(OutboxSql.Row).ToArray(), Transaction, cancellationToken: cancellationToken));
    }
}
