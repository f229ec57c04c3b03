using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary><c>Database:Provider</c> chooses the dialect; a wrong provider or connection string stops the host with a message that says what to set.</summary>
public sealed class DatabaseProviderTests
{
    private static string[] Args(params string[] database) =>
        ["--environment=Development", "--urls=http://127.0.0.1:0", $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}", .. database];

    [Fact]
    public void AnUnknownProvider_StopsTheHost_NamingTheKnownOnes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AllInOneApp.Build(Args("--Database:Provider=oracle")));

        Assert.Contains("“oracle”", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite, postgresql, sqlserver", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql", "Host=127.0.0.1;Database=workflow", typeof(PostgreSqlDialect))]
    [InlineData("PostgreSQL", "Host=127.0.0.1;Database=workflow", typeof(PostgreSqlDialect))]
    [InlineData("sqlserver", "Server=127.0.0.1;Database=workflow", typeof(SqlServerDialect))]
    public async Task AServerProvider_GetsItsDialect_AndNoSqliteLogCheckpointer(string provider, string connectionString, Type dialect)
    {
        await using var app = AllInOneApp.Build(Args($"--Database:Provider={provider}", $"--Database:ConnectionString={connectionString}"));

        Assert.IsType(dialect, app.Services.GetRequiredService<Database>().Dialect);
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is LogCheckpointer);
    }

    [Fact]
    public void PostgreSql_WithTheSqliteDefaultConnectionString_IsRefusedWithWhatToSet()
    {
        using var app = AllInOneApp.Build(Args("--Database:Provider=postgresql"));

        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<Database>());
        Assert.Contains("--Database:ConnectionString=", error.Message, StringComparison.Ordinal);
    }
}
