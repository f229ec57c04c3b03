using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// The numbered form in which PostgreSQL statements are sent: exactly the parameters Npgsql would have found, and the
/// statement left named wherever that is not certain. The stores' own statements run this way in the PostgreSQL store suite.
/// </summary>
public sealed class PositionalStatementTests
{
    [Fact]
    public void Of_NumbersEachNameOnce_InTheOrderTheyAppear()
    {
        var statement = PositionalStatement.Of(
            "UPDATE steps SET status = @Status, version = @Version + 1 WHERE id = @Id AND version = @Version", ["Id", "Status", "Version", "Unused"]);

        Assert.NotNull(statement);
        Assert.Equal("UPDATE steps SET status = $1, version = $2 + 1 WHERE id = $3 AND version = $2", statement.Sql);
        Assert.Equal([1, 2, 0], statement.Order);
    }

    [Fact]
    public void Of_LeavesLiteralsQuotedNamesCommentsAndCastsAlone()
    {
        var statement = PositionalStatement.Of(
            "-- by @Id\nSELECT '@Id', 'it''s @Id', \"@Id\" /* @Id */, @Id::text, x @> @Tags FROM t WHERE a = @Id;\n", ["Id", "Tags"]);

        Assert.NotNull(statement);
        Assert.Equal("-- by @Id\nSELECT '@Id', 'it''s @Id', \"@Id\" /* @Id */, $1::text, x @> $2 FROM t WHERE a = $1;\n", statement.Sql);
        Assert.Equal([0, 1], statement.Order);
    }

    [Theory]
    [InlineData("SELECT @Other")]
    [InlineData("SELECT @Id; SELECT 1")]
    [InlineData("SELECT $$@Id$$, @Id")]
    [InlineData("SELECT E'\\'@Id', @Id")]
    [InlineData("SELECT :Id")]
    [InlineData("SELECT @Id.x")]
    [InlineData("SELECT '@Id")]
    [InlineData("SELECT 1")]
    public void Of_KeepsTheStatementNamed_WhereItCannotBeSure(string sql) =>
        Assert.Null(PositionalStatement.Of(sql, ["Id"]));
}
