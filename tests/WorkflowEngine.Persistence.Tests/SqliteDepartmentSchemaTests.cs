using Microsoft.Data.Sqlite;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>The two migration sets compared on SQLite, in fresh files.</summary>
public sealed class SqliteDepartmentSchemaTests : DepartmentSchemaTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("workflow-schema-").FullName;

    protected override ISqlDialect Dialect { get; } = new SqliteDialect();

    protected override string Folder => "Sqlite";

    protected override (string Engine, string Department) Journals => ("SchemaVersions", "DepartmentSchemaVersions");

    protected override string[] ShapeQueries =>
    [
        """
        SELECT m.name, 'table', CASE WHEN m.sql LIKE '%WITHOUT ROWID%' THEN 'without rowid' ELSE 'rowid' END
        FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
        """,
        """
        SELECT m.name, 'column ' || c.name,
            c.type || CASE WHEN c."notnull" THEN ' NOT NULL' ELSE ' NULL' END || COALESCE(' DEFAULT ' || c.dflt_value, '')
            || CASE WHEN c.pk > 0 THEN ' key ' || c.pk ELSE '' END
        FROM sqlite_master m JOIN pragma_table_xinfo(m.name) c
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
        """,
        """
        SELECT m.name, 'index ' || i.name,
            CASE WHEN i."unique" THEN 'unique ' ELSE '' END || i.origin || ' ('
            || (SELECT group_concat(k, ', ') FROM (SELECT x.name || CASE WHEN x."desc" THEN ' DESC' ELSE '' END AS k FROM pragma_index_xinfo(i.name) x WHERE x."key" ORDER BY x.seqno))
            || ')' || COALESCE((SELECT substr(s.sql, instr(upper(s.sql), ' WHERE ')) FROM sqlite_master s WHERE s.type = 'index' AND s.name = i.name AND i.partial), '')
        FROM sqlite_master m JOIN pragma_index_list(m.name) i
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
        """,
        """
        SELECT m.name, 'foreign key ' || f.id || '.' || f.seq, f."from" || ' → ' || f."table" || '(' || COALESCE(f."to", '') || ') ' || f.on_update || ' ' || f.on_delete
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
        """,
    ];

    protected override Task<string> CreateEmptyAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")}");

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
