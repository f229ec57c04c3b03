using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

public sealed class DefinitionValidationTests
{
    private const string Valid = """
        id: sample
        title: 示例事项
        timeLimits:
          statutory: { workingDays: 10 }
          promised: { workingDays: 5 }
        form:
          - { key: bank, label: 开户, type: bool }
        materials:
          - { key: articles, name: 章程, required: true, usedBy: [licence] }
        flow:
          activity: sequence
          steps:
            - id: licence
              activity: department-task
              title: 营业执照
              department: SAMR
              limit: { workingDays: 2 }
        """;

    private static DefinitionLoadResult Load(string yaml) => Catalog.Loader.Load(yaml, "sample.yaml");

    private static DefinitionError Single(DefinitionLoadResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void ValidDefinition_HasNoErrors()
    {
        var result = Load(Valid);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("sample", result.Definition!.Id);
    }

    [Theory]
    [InlineData("business-opening")]
    [InlineData("construction-permit")]
    [InlineData("joint-acceptance-registration")]
    public void ShippedDefinitions_AreValid(string id)
    {
        var result = Catalog.Loader.LoadFile(Path.Combine(RepositoryPaths.Definitions, "services", id + ".yaml"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("营业执照", "营业执照", null)]
    [InlineData("{ zh: 营业执照, en: Business licence }", "营业执照", "Business licence")]
    public void CertificateName_IsReadAsPlainChinese_OrInBothLanguages(string name, string zh, string? en)
    {
        var result = Load(Valid + $"\n    - {{ id: issue, activity: certificate-issuance, title: 统一发证, certificates: [ {{ name: {name}, from: licence }} ] }}");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var issuing = result.Definition!.Nodes["issue"];
        Assert.Equal(new Core.Model.LocalizedText(zh, en), Activities.CertificateIssuance.NameOf(issuing, "licence"));
    }

    [Theory]
    [InlineData("{ zh: 营业执照, en: '' }", "flow.steps[1].certificates[0].name.en", "name.en")]
    [InlineData("{ en: Business licence }", "flow.steps[1].certificates[0].name", "zh")]
    public void CertificateName_InBothLanguages_NeedsItsChinese_AndNoEmptyEnglish(string name, string path, string named)
    {
        var error = Single(Load(Valid + $"\n    - {{ id: issue, activity: certificate-issuance, title: 统一发证, certificates: [ {{ name: {name}, from: licence }} ] }}"));

        Assert.Equal(path, error.Path);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("supplements: { requestWithin: { workingDays: 6 } }", "supplements.requestWithin", "行政许可法第三十二条")]
    [InlineData("supplements: { onExpiry: reject-step }", "supplements.onExpiry", "answerWithin")]
    [InlineData("supplements: { answerWithin: { workingDays: 0 } }", "supplements.answerWithin.workingDays", "大于")]
    [InlineData("supplements: { answerWithin: { workingDays: 5 }, onExpiry: forget }", "supplements.onExpiry", "")]
    [InlineData("supplements: { answerWithin: { workingDays: 2 }, remindBefore: { workingDays: 2 } }", "supplements.remindBefore", "须短于 answerWithin")]
    [InlineData("supplements: { remindBefore: { workingDays: 1 } }", "supplements.remindBefore", "answerWithin")]
    [InlineData("supplements: { answerWithin: { workingDays: 5 }, remindBefore: { workingHours: -1 } }", "supplements.remindBefore.workingHours", "")]
    [InlineData("supplements: { maxRequests: 0 }", "supplements.maxRequests", "1 至 5")]
    [InlineData("supplements: { maxRequests: 9 }", "supplements.maxRequests", "一次性告知")]
    [InlineData("supplements: { maxRequests: 二 }", "supplements.maxRequests", "")]
    public void SupplementRules_OutsideTheLaw_OrWithoutALimit_AreRefused_AtTheirKey(string rules, string path, string says)
    {
        var error = Single(Load(Valid.Replace("form:", rules + "\nform:", StringComparison.Ordinal)));

        Assert.Equal(path, error.Path);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit: { workingDays: 2 }", "limit: { workingDays: 2 }\n      yellowShare: 1", "flow.steps[0].yellowShare", "0 与 1 之间")]
    [InlineData("limit: { workingDays: 2 }", "limit: { workingDays: 2 }\n      yellowShare: 0", "flow.steps[0].yellowShare", "0 与 1 之间")]
    [InlineData("limit: { workingDays: 2 }", "limit: { workingDays: 2 }\n      yellowShare: 四分之三", "flow.steps[0].yellowShare", "")]
    [InlineData("activity: sequence", "activity: sequence\n  yellowShare: 0.5", "flow.yellowShare", "limit")]
    [InlineData("promised: { workingDays: 5 }", "promised: { workingDays: 5 }\n  yellowShare: 1.5", "timeLimits.yellowShare", "0 与 1 之间")]
    public void AYellowShare_OutsideZeroToOne_OrOnAStepWithoutALimit_IsRefused_AtItsKey(string find, string replace, string path, string says)
    {
        var error = Single(Load(Valid.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Equal(path, error.Path);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit: { workingDays: 2 }\n      escalation: [ { card: orange, priority: urgent } ]", "flow.steps[0].escalation[0].card", "yellow（黄牌）或 red（红牌）")]
    [InlineData("limit: { workingDays: 2 }\n      escalation: [ { priority: urgent } ]", "flow.steps[0].escalation[0].card", "须写明")]
    [InlineData("limit: { workingDays: 2 }\n      escalation: [ { card: red } ]", "flow.steps[0].escalation[0]", "至少做一件事")]
    [InlineData("limit: { workingDays: 2 }\n      escalation: [ { card: red, priority: asap } ]", "flow.steps[0].escalation[0].priority", "high（加急）或 urgent（特急）")]
    [InlineData("limit: { workingDays: 2 }\n      escalation: [ { card: red, supervise: true, after: { workingDays: -1 } } ]", "flow.steps[0].escalation[0].after.workingDays", "")]
    [InlineData("limit: { workingDays: 2 }\n      escalation: [ { card: red, supervise: true, notify: mayor } ]", "flow.steps[0].escalation[0].notify", "")]
    public void AnEscalationRule_ThatFollowsNoCard_DoesNothing_OrIsMisspelt_IsRefused_AtItsKey(string replace, string path, string says)
    {
        var error = Single(Load(Valid.Replace("limit: { workingDays: 2 }", replace, StringComparison.Ordinal)));

        Assert.Equal(path, error.Path);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscalationRules_OnAStepWithoutALimit_OrTooMany_AreRefused_AndGoodOnesAreRead()
    {
        var unlimited = Single(Load(Valid.Replace("activity: sequence", "activity: sequence\n  escalation: [ { card: red, supervise: true } ]", StringComparison.Ordinal)));
        var many = string.Join(", ", Enumerable.Repeat("{ card: red, supervise: true }", 6));
        var tooMany = Single(Load(Valid.Replace("promised: { workingDays: 5 }", $"promised: {{ workingDays: 5 }}\n  escalation: [ {many} ]", StringComparison.Ordinal)));
        var good = Load(Valid.Replace(
            "promised: { workingDays: 5 }",
            "promised: { workingDays: 5 }\n  escalation: [ { card: yellow, priority: high }, { card: red, after: { workingDays: 1 }, priority: urgent, supervise: true } ]",
            StringComparison.Ordinal)).Definition!;

        var notAList = Load(Valid.Replace("limit: { workingDays: 2 }", "limit: { workingDays: 2 }\n      escalation: { card: red, supervise: true }", StringComparison.Ordinal));
        Assert.Equal(["flow.steps[0].escalation"], notAList.Errors.Select(e => e.Path).Distinct());
        Assert.Equal(("flow.escalation", true), (unlimited.Path, unlimited.Message.Contains("limit", StringComparison.Ordinal)));
        Assert.Equal(("timeLimits.escalation", true), (tooMany.Path, tooMany.Message.Contains("最多 5 条", StringComparison.Ordinal)));
        var rules = good.Limits.Escalation!;
        Assert.Equal(2, rules.Count);
        Assert.Equal(("red", "urgent", true, WorkingTimeLimit.Days(1)), (rules[1].Card, rules[1].Priority, rules[1].Supervise, rules[1].After));
    }

    [Fact]
    public void SupplementRules_AreRead_WithTheLawsWindowByDefault()
    {
        var plain = Load(Valid).Definition!;
        var ruled = Load(Valid.Replace("form:", "supplements: { requestWithin: { workingDays: 3 }, answerWithin: { workingDays: 10 }, onExpiry: reject-step }\nform:", StringComparison.Ordinal)).Definition!;

        Assert.Equal(WorkingTimeLimit.Days(5), plain.Supplements.Window);
        Assert.Null(plain.Supplements.AnswerWithin);
        Assert.Equal(WorkingTimeLimit.Days(3), ruled.Supplements.Window);
        Assert.Equal(WorkingTimeLimit.Days(10), ruled.Supplements.AnswerWithin);
        Assert.Equal(WorkflowEngine.Core.Model.SupplementExpiry.RejectStep, ruled.Supplements.OnExpiry);
        Assert.Equal(2, plain.Supplements.MaxRequestsOrDefault);
        Assert.Equal(3, Load(Valid.Replace("form:", "supplements: { maxRequests: 3 }\nform:", StringComparison.Ordinal)).Definition!.Supplements.MaxRequestsOrDefault);
    }

    [Fact]
    public void JsonDefinition_IsAccepted()
    {
        var json = """
            {"id":"json-sample","title":"示例","timeLimits":{"statutory":{"workingDays":2},"promised":{"workingDays":1}},
             "flow":{"id":"t","activity":"department-task","title":"审批","department":"SAMR","limit":{"workingHours":3}}}
            """;

        var result = Catalog.Loader.Load(json, "sample.json");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void YamlSyntaxError_NamesFileAndLine()
    {
        var error = Single(Load("id: x\ntitle: [unclosed\nflow:\n  activity: sequence\n"));

        Assert.Equal("sample.yaml", error.File);
        Assert.InRange(error.Line, 2, 4);
        Assert.Contains("YAML", error.Message);
    }

    [Fact]
    public void DuplicateYamlKey_IsAnError()
    {
        var error = Single(Load(Valid.Replace("title: 示例事项", "title: 示例事项\ntitle: 重复")));

        Assert.Contains("重复的键", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void DuplicateStepIds_AreRefused_WithThePathOfTheSecond()
    {
        var error = Single(Load(Valid + """

                - id: licence
                  activity: department-task
                  title: 又一个
                  department: TAX
                  limit: { workingDays: 1 }
            """));

        Assert.Equal("flow.steps[1].id", error.Path);
        Assert.Contains("“licence”重复", error.Message);
        Assert.Equal(18, error.Line);
    }

    [Fact]
    public void UnknownDepartment_IsRefused()
    {
        var error = Single(Load(Valid.Replace("department: SAMR", "department: NOPE")));

        Assert.Equal("flow.steps[0].department", error.Path);
        Assert.Contains("未知部门“NOPE”", error.Message);
        Assert.Equal(16, error.Line);
    }

    [Fact]
    public void UnknownActivityKey_IsRefused_ListingTheKnownOnes()
    {
        var error = Single(Load(Valid.Replace("activity: department-task", "activity: approve-everything")));

        Assert.Equal("flow.steps[0].activity", error.Path);
        Assert.Contains("未知活动类型“approve-everything”", error.Message);
        Assert.Contains("department-task", error.Message);
    }

    [Fact]
    public void ClrTypeName_AsActivity_IsJustAnUnknownKey()
    {
        var error = Single(Load(Valid.Replace("activity: department-task", "activity: WorkflowEngine.Activities.DepartmentTask, WorkflowEngine.Activities")));

        Assert.Contains("未知活动类型", error.Message);
    }

    [Fact]
    public void MissingStepTimeLimit_IsRefused()
    {
        var error = Single(Load(Valid.Replace("\n      limit: { workingDays: 2 }", "")));

        Assert.Equal("flow.steps[0].limit", error.Path);
        Assert.Contains("缺少办理时限", error.Message);
    }

    [Fact]
    public void MissingBundleTimeLimits_AreRefused()
    {
        var result = Load(Valid.Replace("  statutory: { workingDays: 10 }\n  promised: { workingDays: 5 }\n", "").Replace("timeLimits:\n", ""));

        Assert.Contains(result.Errors, e => e.Path == "timeLimits.statutory" && e.Message.Contains("法定时限"));
        Assert.Contains(result.Errors, e => e.Path == "timeLimits.promised" && e.Message.Contains("承诺时限"));
    }

    [Fact]
    public void LimitGivingBothDaysAndHours_IsRefused()
    {
        var error = Single(Load(Valid.Replace("limit: { workingDays: 2 }", "limit: { workingDays: 2, workingHours: 3 }")));

        Assert.Contains("只能写 workingDays 或 workingHours 其中之一", error.Message);
    }

    [Fact]
    public void StageLimitShorterThanItsCriticalPath_IsRefused()
    {
        var yaml = """
            id: staged
            title: 分阶段
            timeLimits: { statutory: { workingDays: 30 }, promised: { workingDays: 20 } }
            flow:
              id: stage-1
              activity: stage
              title: 施工许可阶段
              limit: { workingDays: 5 }
              steps:
                - { id: a, activity: department-task, title: 图审, department: HUD, limit: { workingDays: 4 } }
                - { id: b, activity: department-task, title: 许可, department: HUD, limit: { workingDays: 3 } }
            """;

        var error = Single(Load(yaml));

        Assert.Equal("flow.limit", error.Path);
        Assert.Equal(8, error.Line);
        Assert.Contains("短于其关键路径", error.Message);
        Assert.Contains("7 个工作日", error.Message.Replace("约 ", ""));
    }

    [Fact]
    public void AStepsPromisedLimit_LongerThanItsStatutoryLimit_IsRefused_AtTheLineOfTheLimit()
    {
        var error = Single(Load(Valid.Replace("limit: { workingDays: 2 }", "limit: { workingDays: 2 }\n      statutoryLimit: { workingHours: 7 }", StringComparison.Ordinal)));

        Assert.Equal("flow.steps[0].limit", error.Path);
        Assert.Equal(17, error.Line);
        Assert.Contains("承诺时限 limit（2 个工作日）不能长于其法定时限 statutoryLimit（7 个工作小时）", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStagesStatutoryLimit_IsRead_AndOneShorterThanItsPromise_OrOnANodeWithoutALimit_IsRefused()
    {
        var yaml = """
            id: staged
            title: 分阶段
            timeLimits: { statutory: { workingDays: 30 }, promised: { workingDays: 20 } }
            flow:
              id: stage-1
              activity: stage
              title: 施工许可阶段
              limit: { workingDays: 8 }
              statutoryLimit: { workingDays: 20 }
              steps:
                - { id: a, activity: department-task, title: 图审, department: HUD, limit: { workingDays: 4 } }
            """;
        var loaded = Load(yaml);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        Assert.Equal(WorkingTimeLimit.Days(20), loaded.Definition!.Flow.StatutoryLimit);

        var shorter = Single(Load(yaml.Replace("statutoryLimit: { workingDays: 20 }", "statutoryLimit: { workingDays: 5 }", StringComparison.Ordinal)));
        Assert.Equal(("flow.limit", 8), (shorter.Path, shorter.Line));
        Assert.Contains("不能长于其法定时限", shorter.Message, StringComparison.Ordinal);

        var malformed = Single(Load(yaml.Replace("statutoryLimit: { workingDays: 20 }", "statutoryLimit: { workingDays: 0 }", StringComparison.Ordinal)));
        Assert.Equal(("flow.statutoryLimit.workingDays", 9), (malformed.Path, malformed.Line));

        var nowhere = Single(Load(Valid.Replace("activity: sequence", "activity: sequence\n  statutoryLimit: { workingDays: 20 }", StringComparison.Ordinal)));
        Assert.Equal("flow.statutoryLimit", nowhere.Path);
        Assert.Contains("只用于有办理时限 limit", nowhere.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StageCriticalPath_TakesTheLongestParallelBranch()
    {
        var yaml = """
            id: staged
            title: 分阶段
            timeLimits: { statutory: { workingDays: 30 }, promised: { workingDays: 20 } }
            flow:
              id: stage-1
              activity: stage
              title: 阶段
              limit: { workingDays: 5 }
              steps:
                - activity: parallel
                  steps:
                    - { id: a, activity: department-task, title: 甲, department: HUD, limit: { workingDays: 5 } }
                    - { id: b, activity: department-task, title: 乙, department: NRP, limit: { workingDays: 3 } }
            """;

        Assert.True(Load(yaml).IsValid);
        Assert.Contains("短于其关键路径", Single(Load(yaml.Replace("workingDays: 5 } }", "workingDays: 6 } }"))).Message);
    }

    [Fact]
    public void PromisedLimitShorterThanTheFlow_IsRefused()
    {
        var error = Single(Load(Valid.Replace("promised: { workingDays: 5 }", "promised: { workingDays: 1 }")));

        Assert.Equal("timeLimits.promised", error.Path);
        Assert.Contains("关键路径", error.Message);
    }

    [Fact]
    public void UnparsableCondition_IsRefused()
    {
        var error = Single(Load(Valid.Replace("      department: SAMR", "      when: bank == (\n      department: SAMR")));

        Assert.Equal("flow.steps[0].when", error.Path);
        Assert.Contains("无法解析", error.Message);
    }

    [Fact]
    public void ConditionNamingAnUnknownField_IsRefused()
    {
        var error = Single(Load(Valid.Replace("      department: SAMR", "      when: banking == true\n      department: SAMR")));

        Assert.Equal("flow.steps[0].when", error.Path);
        Assert.Contains("没有的字段“banking”", error.Message);
    }

    [Fact]
    public void MaterialNoStepUses_IsRefused()
    {
        var error = Single(Load(Valid.Replace("usedBy: [licence]", "usedBy: []")));

        Assert.Equal("materials[0].usedBy", error.Path);
        Assert.Contains("没有任何步骤使用", error.Message);
    }

    [Fact]
    public void MaterialUsedByAnUnknownStep_IsRefused()
    {
        var error = Single(Load(Valid.Replace("usedBy: [licence]", "usedBy: [licence, nowhere]")));

        Assert.Equal("materials[0].usedBy[1]", error.Path);
        Assert.Contains("“nowhere”不存在", error.Message);
    }

    [Fact]
    public void DuplicateFieldKey_IsRefused()
    {
        var error = Single(Load(Valid.Replace("  - { key: bank, label: 开户, type: bool }", "  - { key: bank, label: 开户, type: bool }\n  - { key: bank, label: 又开户, type: bool }")));

        Assert.Equal("form[1].key", error.Path);
        Assert.Contains("“bank”重复", error.Message);
        Assert.Equal(8, error.Line);
    }

    [Fact]
    public void UnknownFieldType_IsRefused()
    {
        var error = Single(Load(Valid.Replace("type: bool", "type: boolean")));

        Assert.Equal("form[0].type", error.Path);
        Assert.Contains("未知字段类型“boolean”", error.Message);
    }

    [Fact]
    public void MisspelledSetting_IsRefused_ListingTheKnownOnes()
    {
        var error = Single(Load(Valid.Replace("      department: SAMR", "      departmnet: SAMR\n      department: SAMR")));

        Assert.Equal("flow.steps[0].departmnet", error.Path);
        Assert.Contains("未知属性“departmnet”", error.Message);
        Assert.Contains("department", error.Message);
    }

    [Fact]
    public void SettingOfTheWrongType_SaysWhatWasExpected()
    {
        var error = Single(Load(Valid.Replace("limit: { workingDays: 2 }", "limit: { workingDays: two }")));

        Assert.Equal("flow.steps[0].limit.workingDays", error.Path);
        Assert.Contains("应为数字", error.Message);
    }

    [Fact]
    public void EveryError_IsListed_InOnePass()
    {
        var yaml = """
            id: Broken Id
            title: 坏定义
            timeLimits: { statutory: { workingDays: 10 } }
            form:
              - { key: a, label: A, type: text }
              - { key: a, label: A2, type: txt }
            materials:
              - { key: m, name: 材料, usedBy: [] }
            flow:
              activity: sequence
              steps:
                - { id: s1, activity: department-task, title: 一, department: XYZ }
                - { id: s1, activity: frobnicate }
                - { id: s3, activity: department-task, title: 三, department: TAX, limit: { workingDays: 1 }, when: "zzz > 1" }
            """;

        var result = Load(yaml);

        var paths = result.Errors.Select(e => e.Path).ToHashSet();
        Assert.Contains("id", paths);
        // A service held to its statutory limit alone needs no promised one.
        Assert.DoesNotContain("timeLimits.promised", paths);
        Assert.Contains("form[1].key", paths);
        Assert.Contains("form[1].type", paths);
        Assert.Contains("materials[0].usedBy", paths);
        Assert.Contains("flow.steps[0].department", paths);
        Assert.Contains("flow.steps[0].limit", paths);
        Assert.Contains("flow.steps[1].id", paths);
        Assert.Contains("flow.steps[1].activity", paths);
        Assert.Contains("flow.steps[2].when", paths);
        Assert.All(result.Errors, e => Assert.True(e.Line > 0 && e.File == "sample.yaml", e.ToString()));
        Assert.Equal(result.Errors.OrderBy(e => e.Line).Select(e => e.Line), result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void ParallelNOfM_WithoutRequired_IsRefused()
    {
        var yaml = Valid.Replace("  activity: sequence", "  activity: parallel\n  join: n-of-m");

        var error = Single(Load(yaml));

        Assert.Equal("flow.required", error.Path);
    }

    [Fact]
    public void DepartmentTaskWithoutId_IsRefused()
    {
        var yaml = Valid.Replace("    - id: licence\n      activity", "    - activity")
            .Replace("materials:\n  - { key: articles, name: 章程, required: true, usedBy: [licence] }\n", "");

        var error = Single(Load(yaml));

        Assert.Contains("须写明 id", error.Message);
    }
}
