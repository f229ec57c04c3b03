using Microsoft.Data.SqlClient;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// The two migration sets compared on SQL Server, where <c>WFE_TEST_SQLSERVER</c> names one. The names SQL Server makes
/// up for unnamed primary keys, unique constraints and defaults differ from one database to the next: those are compared
/// by what they hold.
/// </summary>
[Trait("Category", "Integration")]
[DatabaseServer(SqlServerStoreTests.Variable, "WFE_TEST_SQLSERVER is not set: SQL Server cannot run on the build machines; set it to an admin connection string of a SQL Server these tests may create databases on")]
public sealed class SqlServerDepartmentSchemaTests : DepartmentSchemaTests
{
    private readonly List<string> _databases = [];

    private static string Admin => Environment.GetEnvironmentVariable(SqlServerStoreTests.Variable) ?? throw new InvalidOperationException($"{SqlServerStoreTests.Variable} is not set.");

    protected override ISqlDialect Dialect { get; } = new SqlServerDialect();

    protected override string Folder => "SqlServer";

    protected override (string Engine, string Department) Journals => ("SchemaVersions", "DepartmentSchemaVersions");

    protected override string[] ShapeQueries =>
    [
        "SELECT t.name, 'table', '' FROM sys.tables t WHERE t.schema_id = SCHEMA_ID()",
        """
        SELECT t.name, 'column ' + c.name,
            CONCAT(TYPE_NAME(c.user_type_id), '(', c.max_length, ',', c.precision, ',', c.scale, ')', ' ' + c.collation_name,
                CASE WHEN c.is_nullable = 1 THEN ' NULL' ELSE ' NOT NULL' END, CASE WHEN c.is_identity = 1 THEN ' IDENTITY' ELSE '' END,
                ' DEFAULT ' + d.definition)
        FROM sys.tables t
        JOIN sys.columns c ON c.object_id = t.object_id
        LEFT JOIN sys.default_constraints d ON d.object_id = c.default_object_id
        WHERE t.schema_id = SCHEMA_ID()
        """,
        """
        SELECT t.name,
            CASE WHEN i.is_primary_key = 1 THEN 'primary key' WHEN i.is_unique_constraint = 1 THEN 'unique (' + k.columns + ')' ELSE 'index ' + i.name END,
            CONCAT(i.type_desc, CASE WHEN i.is_unique = 1 THEN ' UNIQUE' ELSE '' END, ' (', k.columns, ')', ' WHERE ' + i.filter_definition)
        FROM sys.indexes i
        JOIN sys.tables t ON t.object_id = i.object_id
        CROSS APPLY (
            SELECT STRING_AGG(CAST(c.name AS nvarchar(max)) + CASE WHEN ic.is_descending_key = 1 THEN N' DESC' ELSE N'' END, N', ') WITHIN GROUP (ORDER BY ic.key_ordinal) AS columns
            FROM sys.index_columns ic JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0) k
        WHERE t.schema_id = SCHEMA_ID() AND i.type > 0
        """,
    ];

    protected override async Task<string> CreateEmptyAsync()
    {
        var name = "wfe_schema_" + Guid.NewGuid().ToString("N")[..20];
        _databases.Add(name);
        await AdminAsync($"CREATE DATABASE [{name}]");
        return new SqlConnectionStringBuilder(Admin) { InitialCatalog = name }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        foreach (var name in _databases)
        {
            await AdminAsync($"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END");
        }
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new SqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
