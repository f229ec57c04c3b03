using WorkflowEngine.Persistence.Stores;

namespace WorkflowEngine.Persistence.Tests;

public sealed class OutboxRangesTests
{
    [Fact]
    public void Ranges_CoverExactlyTheGivenIds()
    {
        Assert.Equal([(1L, 3L), (7L, 8L), (10L, 10L)], SqlOutboxStore.Ranges([8, 1, 3, 2, 10, 7, 2]));
        Assert.Empty(SqlOutboxStore.Ranges([]));
    }
}
