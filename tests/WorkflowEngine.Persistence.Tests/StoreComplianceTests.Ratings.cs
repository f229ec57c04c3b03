using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>The ratings (好差评): one per application, a follow-up once, the list's filters and the satisfaction sums.</summary>
public abstract partial class StoreComplianceTests
{
    private static RatingRecord NewRating(int level, string serviceId = "business-opening", DateTimeOffset? at = null, params string[] departments) => new()
    {
        ApplicationId = Guid.CreateVersion7(),
        TrackingNumber = "YB20260302-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
        ServiceId = serviceId,
        Level = level,
        Comment = level > 2 ? "办事顺利 👍🏽" : null,
        Reason = level <= 2 ? "窗口让我跑了三次\n材料反复退回" : null,
        RatedBy = "zhangsan",
        RatedAt = at ?? Now,
        Departments = departments,
    };

    [StoreFact]
    public async Task Ratings_OnePerApplication_ReadBackAsStored_WithTheirDepartments()
    {
        var store = new SqlRatingStore(Database);
        var rating = NewRating(2, departments: ["PSB", "SAMR"]);

        Assert.True(await store.AddAsync(rating, CancellationToken.None));
        Assert.False(await store.AddAsync(rating with { Level = 5, Reason = null }, CancellationToken.None));

        var stored = await store.GetAsync(rating.ApplicationId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(2, stored.Level);
        Assert.Equal("窗口让我跑了三次\n材料反复退回", stored.Reason);
        Assert.Equal(["PSB", "SAMR"], stored.Departments);
        Assert.Equal(Now, stored.RatedAt);
        Assert.True(stored.NeedsFollowUp);
        Assert.Null(await store.GetAsync(Guid.CreateVersion7(), CancellationToken.None));
    }

    [StoreFact]
    public async Task TwoRatingsOfOneApplicationAtOnce_OnlyOneIsStored()
    {
        var store = new SqlRatingStore(Database);
        var first = NewRating(5, departments: ["SAMR"]);
        var second = first with { Level = 1, Reason = "同时提交", Departments = ["PSB"] };

        var added = await Task.WhenAll(store.AddAsync(first, CancellationToken.None), store.AddAsync(second, CancellationToken.None));

        Assert.Single(added, a => a);
        var stored = await store.GetAsync(first.ApplicationId, CancellationToken.None);
        Assert.Equal(added[0] ? first.Departments : second.Departments, stored!.Departments);
        Assert.Equal(added[0] ? 5 : 1, stored.Level);
    }

    [StoreFact]
    public async Task RatingFollowUp_IsRecordedOnce_AndTheRatingNoLongerAwaitsIt()
    {
        var store = new SqlRatingStore(Database);
        var rating = NewRating(1, departments: ["SAMR"]);
        await store.AddAsync(rating, CancellationToken.None);

        Assert.True(await store.FollowUpAsync(rating.ApplicationId, "已约谈窗口负责人，材料清单已修订", "admin", Now.AddHours(3), CancellationToken.None));
        Assert.False(await store.FollowUpAsync(rating.ApplicationId, "第二次", "admin", Now.AddHours(4), CancellationToken.None));
        Assert.False(await store.FollowUpAsync(Guid.CreateVersion7(), "没有这条", "admin", Now, CancellationToken.None));

        var stored = await store.GetAsync(rating.ApplicationId, CancellationToken.None);
        Assert.Equal("已约谈窗口负责人，材料清单已修订", stored!.FollowUp);
        Assert.Equal("admin", stored.FollowedUpBy);
        Assert.Equal(Now.AddHours(3), stored.FollowedUpAt);
        Assert.False(stored.NeedsFollowUp);
    }

    [StoreFact]
    public async Task RatingsList_NewestFirst_FilteredByServiceDepartmentLevelAndOpenBadOnes()
    {
        var store = new SqlRatingStore(Database);
        var good = NewRating(5, at: Now, departments: ["SAMR", "PSB"]);
        var bad = NewRating(2, at: Now.AddMinutes(1), departments: ["SAMR"]);
        var handled = NewRating(1, serviceId: "construction-permit", at: Now.AddMinutes(2), departments: ["HOUSING"]);
        foreach (var rating in new[] { good, bad, handled })
        {
            await store.AddAsync(rating, CancellationToken.None);
        }

        await store.FollowUpAsync(handled.ApplicationId, "已整改", "admin", Now.AddHours(1), CancellationToken.None);
        async Task<Guid[]> ListAsync(RatingFilter filter) =>
            [.. (await store.ListAsync(filter, CancellationToken.None)).Items.Select(r => r.ApplicationId)];

        Assert.Equal([handled.ApplicationId, bad.ApplicationId, good.ApplicationId], await ListAsync(new(null, null, null, false, false, 0, 50)));
        Assert.Equal([bad.ApplicationId, good.ApplicationId], await ListAsync(new("business-opening", null, null, false, false, 0, 50)));
        Assert.Equal([bad.ApplicationId, good.ApplicationId], await ListAsync(new(null, "SAMR", null, false, false, 0, 50)));
        Assert.Equal([good.ApplicationId], await ListAsync(new(null, "PSB", null, false, false, 0, 50)));
        Assert.Equal([handled.ApplicationId], await ListAsync(new(null, null, 1, false, false, 0, 50)));
        Assert.Equal([handled.ApplicationId, bad.ApplicationId], await ListAsync(new(null, null, null, true, false, 0, 50)));
        Assert.Equal([bad.ApplicationId], await ListAsync(new(null, null, null, true, true, 0, 50)));

        var second = await store.ListAsync(new(null, null, null, false, false, 1, 1), CancellationToken.None);
        Assert.Equal(3, second.Total);
        Assert.Equal(bad.ApplicationId, Assert.Single(second.Items).ApplicationId);
        Assert.Equal(["SAMR"], second.Items[0].Departments);
    }

    [StoreFact]
    public async Task Satisfaction_CountsEachRatingForEveryDepartmentItWentThrough_AndByService()
    {
        var store = new SqlRatingStore(Database);
        await store.AddAsync(NewRating(5, departments: ["SAMR", "PSB"]), CancellationToken.None);
        await store.AddAsync(NewRating(4, departments: ["SAMR"]), CancellationToken.None);
        await store.AddAsync(NewRating(3, departments: ["SAMR"]), CancellationToken.None);
        await store.AddAsync(NewRating(1, serviceId: "construction-permit", departments: ["PSB"]), CancellationToken.None);

        var byDepartment = await store.ByDepartmentAsync(CancellationToken.None);
        Assert.Equal([new Satisfaction("PSB", 2, 1), new Satisfaction("SAMR", 3, 2)], byDepartment);
        var byService = await store.ByServiceAsync(CancellationToken.None);
        Assert.Equal([new Satisfaction("business-opening", 3, 2), new Satisfaction("construction-permit", 1, 0)], byService);
        Assert.Equal(2d / 3, byService[0].Rate, 6);
    }
}
