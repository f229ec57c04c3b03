using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// The ratings (好差评): one per application, a follow-up once, the list's filters and the satisfaction sums. They are
/// written in the engine's transaction (with their audit lines, which these leave out: the guards are the rating table's).
/// </summary>
public abstract partial class StoreComplianceTests
{
    /// <summary>Stores the rating in an engine change set; false when the write's guard found it rated already.</summary>
    private async Task<bool> RateAsync(RatingRecord rating)
    {
        var changes = new EngineChanges();
        changes.Ratings.Add(rating);
        return await SavedAsync(changes);
    }

    /// <summary>Records the follow-up (of the rating of <paramref name="step"/>, when given) in an engine change set; false when there is no rating or it was followed up already.</summary>
    private async Task<bool> FollowUpAsync(Guid applicationId, string note, DateTimeOffset at, string? step = null)
    {
        var changes = new EngineChanges();
        changes.RatingFollowUps.Add(new RatingFollowUp(applicationId, note, "admin", at, step));
        return await SavedAsync(changes);
    }

    private static StepRatingRecord StepRating(string stepId, string department, int level) => new()
    {
        StepId = stepId,
        Department = department,
        Title = stepId + " 环节",
        Level = level,
        Comment = level > 2 ? "环节办得快" : null,
        Reason = level <= 2 ? "环节让我等了两周" : null,
    };

    private async Task<bool> SavedAsync(EngineChanges changes)
    {
        try
        {
            await SaveAsync(changes);
            return true;
        }
        catch (ConcurrencyException)
        {
            return false;
        }
    }

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

        Assert.True(await RateAsync(rating));
        Assert.False(await RateAsync(rating with { Level = 5, Reason = null }));

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

        var added = await Task.WhenAll(RateAsync(first), RateAsync(second));

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
        await RateAsync(rating);

        Assert.True(await FollowUpAsync(rating.ApplicationId, "已约谈窗口负责人，材料清单已修订", Now.AddHours(3)));
        Assert.False(await FollowUpAsync(rating.ApplicationId, "第二次", Now.AddHours(4)));
        Assert.False(await FollowUpAsync(Guid.CreateVersion7(), "没有这条", Now));

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
            await RateAsync(rating);
        }

        await FollowUpAsync(handled.ApplicationId, "已整改", Now.AddHours(1));
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
        await RateAsync(NewRating(5, departments: ["SAMR", "PSB"]));
        await RateAsync(NewRating(4, departments: ["SAMR"]));
        await RateAsync(NewRating(3, departments: ["SAMR"]));
        await RateAsync(NewRating(1, serviceId: "construction-permit", departments: ["PSB"]));

        var byDepartment = await store.ByDepartmentAsync(CancellationToken.None);
        Assert.Equal([new Satisfaction("PSB", 2, 1), new Satisfaction("SAMR", 3, 2)], byDepartment);
        var byService = await store.ByServiceAsync(CancellationToken.None);
        Assert.Equal([new Satisfaction("business-opening", 3, 2), new Satisfaction("construction-permit", 1, 0)], byService);
        Assert.Equal(2d / 3, byService[0].Rate, 6);
    }

    [StoreFact]
    public async Task StepRatings_AreReadBackWithTheirRating_AndTwoRatingsOfOneStepAtOnce_StoreOne()
    {
        var store = new SqlRatingStore(Database);
        var first = NewRating(4, departments: ["PSB", "SAMR"]) with { Steps = [StepRating("licence", "SAMR", 1), StepRating("seal", "PSB", 5)] };
        var second = first with { Steps = [StepRating("licence", "SAMR", 5)] };

        var added = await Task.WhenAll(RateAsync(first), RateAsync(second));

        Assert.Single(added, a => a);
        var stored = await store.GetAsync(first.ApplicationId, CancellationToken.None);
        Assert.Equal(added[0] ? first.Steps : second.Steps, stored!.Steps);
        var licence = stored.Steps.Single(s => s.StepId == "licence");
        Assert.Equal(("SAMR", "licence 环节"), (licence.Department, licence.Title));
        Assert.Equal(added[0], licence.NeedsFollowUp);
        Assert.Equal(added[0], stored.AnyNeedsFollowUp);
        Assert.False(stored.NeedsFollowUp);
    }

    [StoreFact]
    public async Task AStepRatingsFollowUp_IsRecordedOnce_ApartFromTheOverallOnes()
    {
        var store = new SqlRatingStore(Database);
        var rating = NewRating(1, departments: ["SAMR", "PSB"]) with { Steps = [StepRating("licence", "SAMR", 2), StepRating("seal", "PSB", 4)] };
        await RateAsync(rating);

        Assert.True(await FollowUpAsync(rating.ApplicationId, "营业执照窗口已整改", Now.AddHours(1), "licence"));
        Assert.False(await FollowUpAsync(rating.ApplicationId, "第二次", Now.AddHours(2), "licence"));
        Assert.False(await FollowUpAsync(rating.ApplicationId, "没有这个环节的评价", Now.AddHours(2), "tax"));

        var stored = await store.GetAsync(rating.ApplicationId, CancellationToken.None);
        var licence = stored!.Steps.Single(s => s.StepId == "licence");
        Assert.Equal(("营业执照窗口已整改", "admin", Now.AddHours(1)), (licence.FollowUp, licence.FollowedUpBy, licence.FollowedUpAt));
        Assert.Null(stored.FollowUp);
        Assert.True(stored.NeedsFollowUp);

        Assert.True(await FollowUpAsync(rating.ApplicationId, "总体已整改", Now.AddHours(3)));
        stored = await store.GetAsync(rating.ApplicationId, CancellationToken.None);
        Assert.False(stored!.AnyNeedsFollowUp);
        Assert.Equal("营业执照窗口已整改", stored.Steps.Single(s => s.StepId == "licence").FollowUp);
    }

    [StoreFact]
    public async Task RatingsList_MatchesAStepRating_ByItsDepartmentLevelAndFollowUp()
    {
        var store = new SqlRatingStore(Database);
        // Good overall, bad at PSB's step: a PSB supervisor's list of open bad ratings finds it, SAMR's does not.
        var badStep = NewRating(5, at: Now, departments: ["SAMR", "PSB"]) with { Steps = [StepRating("seal", "PSB", 2), StepRating("licence", "SAMR", 5)] };
        var good = NewRating(5, at: Now.AddMinutes(1), departments: ["SAMR", "PSB"]);
        await RateAsync(badStep);
        await RateAsync(good);
        async Task<Guid[]> ListAsync(RatingFilter filter) =>
            [.. (await store.ListAsync(filter, CancellationToken.None)).Items.Select(r => r.ApplicationId)];

        Assert.Equal([badStep.ApplicationId], await ListAsync(new(null, "PSB", null, true, true, 0, 50)));
        Assert.Empty(await ListAsync(new(null, "SAMR", null, true, false, 0, 50)));
        Assert.Equal([badStep.ApplicationId], await ListAsync(new(null, null, 2, false, false, 0, 50)));
        Assert.Equal([good.ApplicationId, badStep.ApplicationId], await ListAsync(new(null, "SAMR", null, false, false, 0, 50)));

        await FollowUpAsync(badStep.ApplicationId, "刻章窗口已整改", Now.AddHours(1), "seal");
        Assert.Empty(await ListAsync(new(null, "PSB", null, true, true, 0, 50)));
        Assert.Equal([badStep.ApplicationId], await ListAsync(new(null, "PSB", null, true, false, 0, 50)));
    }

    [StoreFact]
    public async Task BadRatingsAwaitingFollowUp_AreCountedEachOnItsOwn_TheOverallOneAndEachSteps()
    {
        var store = new SqlRatingStore(Database);
        // Bad overall and at two steps: three follow-ups to write for one application. Good overall, bad at one step: one.
        var bad = NewRating(1, at: Now, departments: ["SAMR", "PSB", "TAX"])
            with { Steps = [StepRating("licence", "SAMR", 2), StepRating("seal", "PSB", 1), StepRating("tax", "TAX", 4)] };
        var badStep = NewRating(5, at: Now.AddMinutes(1), departments: ["SAMR"]) with { Steps = [StepRating("licence", "SAMR", 2)] };
        await RateAsync(bad);
        await RateAsync(badStep);
        await RateAsync(NewRating(3, at: Now.AddMinutes(2), departments: ["SAMR"]));

        Assert.Equal(4, await store.CountAwaitingFollowUpAsync(CancellationToken.None));
        Assert.True(await FollowUpAsync(bad.ApplicationId, "刻章窗口已整改", Now.AddHours(1), "seal"));
        Assert.True(await FollowUpAsync(bad.ApplicationId, "已回访申请人", Now.AddHours(1)));
        Assert.Equal(2, await store.CountAwaitingFollowUpAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task SatisfactionByDepartment_CountsADepartmentsOwnStepRatings_WhereGiven_AndTheOverallRatingWhereNot()
    {
        var store = new SqlRatingStore(Database);
        // Overall 非常不满意 because of PSB's step: SAMR, rated 非常满意 on its own step, is not dragged down by it.
        await RateAsync(NewRating(1, departments: ["SAMR", "PSB"]) with { Steps = [StepRating("licence", "SAMR", 5), StepRating("seal", "PSB", 1)] });
        // Two steps of one department rated: each counts; the overall rating counts for TAX, whose step was not rated.
        await RateAsync(NewRating(4, departments: ["SAMR", "TAX"]) with { Steps = [StepRating("licence", "SAMR", 4), StepRating("licence-review", "SAMR", 2)] });
        await RateAsync(NewRating(3, departments: ["SAMR"]));

        var byDepartment = await store.ByDepartmentAsync(CancellationToken.None);
        Assert.Equal([new Satisfaction("PSB", 1, 0), new Satisfaction("SAMR", 4, 2), new Satisfaction("TAX", 1, 1)], byDepartment);
        // A service is rated as a whole: where there is an overall rating, its satisfaction counts that rating only.
        Assert.Equal([new Satisfaction("business-opening", 3, 1)], await store.ByServiceAsync(CancellationToken.None));
    }

    /// <summary>Stores step ratings given on their own (一事一评, before or without an overall rating) in an engine change set, at <paramref name="at"/>.</summary>
    private async Task<bool> RateStepsAloneAsync(RatingRecord application, DateTimeOffset at, params StepRatingRecord[] steps)
    {
        var changes = new EngineChanges();
        changes.StepRatings.AddRange(steps.Select(s => (application.ApplicationId, application.TrackingNumber, application.ServiceId,
            s with { RatedBy = "zhangsan", RatedAt = at })));
        return await SavedAsync(changes);
    }

    [StoreFact]
    public async Task StepRatingsWithoutAnOverallRating_AreListedCountedAndFollowedUp_UntilTheOverallRatingJoinsThem()
    {
        var store = new SqlRatingStore(Database);
        // A bundle still running: its licence rated 不满意 as soon as it was decided, its seal later; no overall rating.
        var running = NewRating(5, at: Now.AddMinutes(5), departments: ["SAMR", "PSB"]);
        var older = NewRating(4, serviceId: "construction-permit", at: Now, departments: ["HOUSING"]);
        await RateAsync(older);
        Assert.True(await RateStepsAloneAsync(running, Now.AddMinutes(1), StepRating("licence", "SAMR", 2)));
        Assert.True(await RateStepsAloneAsync(running, Now.AddMinutes(2), StepRating("seal", "PSB", 5)));

        var alone = await store.GetAsync(running.ApplicationId, CancellationToken.None);
        Assert.NotNull(alone);
        Assert.Null(alone.Level);
        Assert.False(alone.NeedsFollowUp);
        Assert.True(alone.AnyNeedsFollowUp);
        Assert.Equal((running.TrackingNumber, "business-opening", "zhangsan", Now.AddMinutes(1)), (alone.TrackingNumber, alone.ServiceId, alone.RatedBy, alone.RatedAt));
        Assert.Equal(["PSB", "SAMR"], alone.Departments);
        Assert.Equal([("licence", Now.AddMinutes(1)), ("seal", Now.AddMinutes(2))], alone.Steps.Select(s => (s.StepId, s.RatedAt!.Value)));

        async Task<Guid[]> ListAsync(RatingFilter filter) =>
            [.. (await store.ListAsync(filter, CancellationToken.None)).Items.Select(r => r.ApplicationId)];
        Assert.Equal([running.ApplicationId, older.ApplicationId], await ListAsync(new(null, null, null, false, false, 0, 50)));
        Assert.Equal([running.ApplicationId], await ListAsync(new("business-opening", "SAMR", null, true, true, 0, 50)));
        Assert.Equal([running.ApplicationId], await ListAsync(new(null, "PSB", 5, false, false, 0, 50)));
        Assert.Empty(await ListAsync(new(null, "PSB", null, true, false, 0, 50)));
        Assert.Equal(2, (await store.ListAsync(new(null, null, null, false, false, 0, 1), CancellationToken.None)).Total);

        Assert.Equal([new Satisfaction("HOUSING", 1, 1), new Satisfaction("PSB", 1, 1), new Satisfaction("SAMR", 1, 0)], await store.ByDepartmentAsync(CancellationToken.None));
        Assert.Equal([new Satisfaction("business-opening", 2, 1), new Satisfaction("construction-permit", 1, 1)], await store.ByServiceAsync(CancellationToken.None));
        Assert.Equal(1, await store.CountAwaitingFollowUpAsync(CancellationToken.None));
        Assert.False(await FollowUpAsync(running.ApplicationId, "没有总体评价", Now.AddHours(1)));
        Assert.True(await FollowUpAsync(running.ApplicationId, "营业执照窗口已整改", Now.AddHours(1), "licence"));
        Assert.Equal(0, await store.CountAwaitingFollowUpAsync(CancellationToken.None));

        // Once the bundle ends and is rated as a whole, it is one entry at that time, and the service counts that rating.
        Assert.True(await RateAsync(running with { Departments = ["PSB", "SAMR"] }));
        var whole = await store.GetAsync(running.ApplicationId, CancellationToken.None);
        Assert.Equal((5, Now.AddMinutes(5), 2), (whole!.Level, whole.RatedAt, whole.Steps.Count));
        Assert.Equal("营业执照窗口已整改", whole.Steps.Single(s => s.StepId == "licence").FollowUp);
        Assert.Equal([running.ApplicationId, older.ApplicationId], await ListAsync(new(null, null, null, false, false, 0, 50)));
        Assert.Equal([new Satisfaction("business-opening", 1, 1), new Satisfaction("construction-permit", 1, 1)], await store.ByServiceAsync(CancellationToken.None));
        Assert.Equal([new Satisfaction("HOUSING", 1, 1), new Satisfaction("PSB", 1, 1), new Satisfaction("SAMR", 1, 0)], await store.ByDepartmentAsync(CancellationToken.None));
    }
}
