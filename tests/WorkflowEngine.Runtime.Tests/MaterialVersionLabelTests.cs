using CsCheck;
using WorkflowEngine.Contracts;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>
/// The engine and the department host write a material version as <c>key@vN</c> into the audit, and the desk's history
/// reads it back to say "公司章程 第 2 版": what one writes, the other must read as the same material and version.
/// </summary>
public sealed class MaterialVersionLabelTests
{
    [Fact]
    public void AnyKeyWithoutTheSeparator_AndAnyVersion_ReadsBackAsWritten() =>
        Gen.Select(Gen.String.Where(k => k.Length > 0 && !k.Contains("@v", StringComparison.Ordinal)), Gen.Int[1, int.MaxValue])
            .Sample((key, version) =>
            {
                Assert.True(MaterialVersionLabel.TryParse(MaterialVersionLabel.Format(key, version), out var readKey, out var readVersion));
                Assert.Equal((key, version), (readKey, readVersion));
            });

    [Fact]
    public void Format_WritesTheFormTheAuditAlreadyHolds() =>
        // Events written before this helper stay in the audit and are read by it.
        Assert.Equal("articles-of-association@v12", MaterialVersionLabel.Format("articles-of-association", 12));

    [Theory]
    [InlineData("articles-of-association")]
    [InlineData("@v2")]
    [InlineData("licence@v")]
    [InlineData("licence@v0")]
    [InlineData("licence@vtwo")]
    [InlineData("licence@v-1")]
    public void TextThatIsNoLabel_IsNotRead(string text) =>
        Assert.False(MaterialVersionLabel.TryParse(text, out _, out _));
}
