using WorkflowEngine.Hosting.Api.Window;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The receipt's query code: read forgivingly, and compared with the same work whether or not the number is known.</summary>
public sealed class QueryCodesTests
{
    [Fact]
    public void Matches_TheCodeAsTypedFromPaper()
    {
        var code = QueryCodes.New();
        var stored = QueryCodes.Hash(code);

        Assert.True(QueryCodes.Matches(code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant(), stored));
        Assert.False(QueryCodes.Matches(code[..^1] + (code[^1] == '2' ? '3' : '2'), stored));
    }

    [Fact]
    public void Compare_WithNoStoredHash_HashesTheCodeAndComparesWithTheStandIn_AndNeverMatches()
    {
        var comparison = QueryCodes.Compare("7KQ2-M9XD", storedSha256: null);

        Assert.True(comparison.AgainstUnknownNumber);
        Assert.True(comparison.Hashed);
        Assert.False(comparison.Matches);
        Assert.Equal(QueryCodes.Hash("7KQ2-M9XD")!.Length, QueryCodes.UnknownNumberSha256.Length);
    }

    [Fact]
    public void Compare_WithAStoredHash_DoesNotUseTheStandIn()
    {
        var comparison = QueryCodes.Compare("7KQ2-M9XD", QueryCodes.Hash("7KQ2-M9XE"));

        Assert.False(comparison.AgainstUnknownNumber);
        Assert.True(comparison.Hashed);
        Assert.False(comparison.Matches);
    }
}
