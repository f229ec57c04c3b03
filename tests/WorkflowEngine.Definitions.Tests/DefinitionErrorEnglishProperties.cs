using System.Text.RegularExpressions;
using CsCheck;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// An administrator working in English reads every definition error in English: whatever is broken in a definition —
/// its YAML, its keys and types, its form, materials, steps, limits, supplements — each error it gets carries an
/// English text beside the Chinese one, in English words (a quoted piece of the file may be in any language).
/// </summary>
public sealed partial class DefinitionErrorEnglishProperties
{
    /// <summary>One thing broken: what it puts in the definition's header, form, materials or flow.</summary>
    public sealed record Break(string Name, string? Id = null, string? Title = null, string? Limits = null, string? Top = null, string? Field = null, string? Material = null, string? Step = null)
    {
        public override string ToString() => Name;
    }

    private static readonly Break[] Breaks =
    [
        new("yaml unfinished", Top: "oops: [ 1, 2"),
        new("yaml alias without anchor", Top: "extra: *nowhere"),
        new("yaml merge key", Top: "base: { a: 1 }\nother:\n  <<: { a: 2 }"),
        new("yaml second document", Top: "---\nid: again"),
        new("yaml key twice", Top: "calendar: standard\ncalendar: standard"),
        new("unknown top key", Top: "colour: red"),
        new("id pattern", Id: "Bad_Id!"),
        new("id too long", Id: new string('a', 70)),
        new("title empty", Title: "''"),
        new("unknown calendar", Top: "calendar: nowhere"),
        new("promised over statutory", Limits: "timeLimits: { statutory: { workingDays: 5 }, promised: { workingDays: 10 } }"),
        new("statutory missing", Limits: "timeLimits: { promised: { workingDays: 5 } }"),
        new("statutory alone under critical path", Limits: "timeLimits: { statutory: { workingHours: 1 } }"),
        new("promised under critical path", Limits: "timeLimits: { statutory: { workingDays: 10 }, promised: { workingHours: 1 } }"),
        new("limit with both amounts", Limits: "timeLimits: { statutory: { workingDays: 10, workingHours: 2 }, promised: { workingDays: 5 } }"),
        new("limit of the wrong type", Limits: "timeLimits: { statutory: { workingDays: many }, promised: { workingDays: 5 } }"),
        new("yellow share out of range", Limits: "timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 }, yellowShare: 1.5 }"),
        new("escalation card unknown", Limits: "timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 }, escalation: [ { card: blue, supervise: true } ] }"),
        new("escalation too many", Limits: "timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 }, escalation: [ { card: red, supervise: true }, { card: red, supervise: true }, { card: red, supervise: true }, { card: red, supervise: true }, { card: red, supervise: true }, { card: red, supervise: true } ] }"),
        new("supplement window too long", Top: "supplements: { requestWithin: { workingDays: 6 } }"),
        new("supplement requests out of range", Top: "supplements: { maxRequests: 9 }"),
        new("supplement expiry without answer", Top: "supplements: { onExpiry: reject-step }"),
        new("supplement reminder without answer", Top: "supplements: { remindBefore: { workingDays: 1 } }"),
        new("supplement reminder after answer", Top: "supplements: { answerWithin: { workingDays: 1 }, remindBefore: { workingDays: 2 } }"),
        new("supplement answer zero", Top: "supplements: { answerWithin: { workingDays: 0 } }"),
        new("deferral reminder zero", Top: "deferrals: { remindBefore: { workingHours: 0 } }"),
        new("field without key", Field: "{ label: nokey, type: text }"),
        new("field key pattern", Field: "{ key: 1abc, label: x, type: text }"),
        new("field key twice", Field: "{ key: bank, label: again, type: bool }"),
        new("choice without options", Field: "{ key: c1, label: c, type: choice }"),
        new("options on text", Field: "{ key: c2, label: c, type: text, options: [a] }"),
        new("option twice", Field: "{ key: c3, label: c, type: choice, options: [a, a] }"),
        new("option not text", Field: "{ key: c4, label: c, type: choice, options: [ [1] ] }"),
        new("multiple on text", Field: "{ key: m1, label: m, type: text, multiple: true }"),
        new("minDate after maxDate", Field: "{ key: d1, label: d, type: date, minDate: 2026-02-01, maxDate: 2026-01-01 }"),
        new("date not a date", Field: "{ key: d2, label: d, type: date, minDate: tomorrow }"),
        new("date bounds on text", Field: "{ key: d3, label: d, type: text, minDate: today }"),
        new("min over max", Field: "{ key: n1, label: n, type: number, min: 5, max: 1 }"),
        new("min on text", Field: "{ key: n2, label: n, type: text, min: 1 }"),
        new("maxLength on number", Field: "{ key: n3, label: n, type: number, maxLength: 5 }"),
        new("minLength negative", Field: "{ key: l1, label: l, type: text, minLength: -1 }"),
        new("maxLength zero", Field: "{ key: l2, label: l, type: text, maxLength: 0 }"),
        new("maxLength over ceiling", Field: "{ key: l3, label: l, type: text, maxLength: 99999999 }"),
        new("minLength over default", Field: "{ key: l4, label: l, type: text, minLength: 100000 }"),
        new("minLength over maxLength", Field: "{ key: l5, label: l, type: text, minLength: 10, maxLength: 5 }"),
        new("pattern unreadable", Field: "{ key: p1, label: p, type: text, pattern: '(' }"),
        new("pattern with \\d", Field: @"{ key: p2, label: p, type: text, pattern: '\d+' }"),
        new("field type unknown", Field: "{ key: t1, label: t, type: colour }"),
        new("field type missing", Field: "{ key: t2, label: t }"),
        new("field key unknown", Field: "{ key: t3, label: t, type: text, hue: red }"),
        new("material key twice", Material: "{ key: articles, name: again, required: true, usedBy: [licence] }"),
        new("material without key", Material: "{ name: nokey, required: true, usedBy: [licence] }"),
        new("material key pattern", Material: "{ key: 1m, name: m, usedBy: [licence] }"),
        new("material unused", Material: "{ key: m2, name: m }"),
        new("material used by no step", Material: "{ key: m3, name: m, usedBy: [nowhere] }"),
        new("deferrable not required", Material: "{ key: m4, name: m, usedBy: [licence], deferrable: { workingDays: 1 } }"),
        new("deferrable zero", Material: "{ key: m5, name: m, required: true, usedBy: [licence], deferrable: { workingDays: 0 } }"),
        new("material size zero", Material: "{ key: m6, name: m, usedBy: [licence], maxSizeMb: 0 }"),
        new("step id twice", Step: "{ id: licence, activity: department-task, title: again, department: SAMR, limit: { workingDays: 1 } }"),
        new("step id pattern", Step: "{ id: 'bad id!', activity: department-task, title: x, department: SAMR, limit: { workingDays: 1 } }"),
        new("step without id", Step: "{ activity: department-task, title: x, department: SAMR, limit: { workingDays: 1 } }"),
        new("step not an object", Step: "5"),
        new("step activity missing", Step: "{ id: a1, title: x }"),
        new("step activity unknown", Step: "{ id: a2, activity: teleport }"),
        new("condition on unknown field", Step: "{ id: w1, activity: department-task, title: w, department: SAMR, limit: { workingDays: 1 }, when: \"nothing == true\" }"),
        new("condition of wrong types", Step: "{ id: w2, activity: department-task, title: w, department: SAMR, limit: { workingDays: 1 }, when: \"bank > 3\" }"),
        new("condition unreadable", Step: "{ id: w3, activity: department-task, title: w, department: SAMR, limit: { workingDays: 1 }, when: \"bank ==\" }"),
        new("department unknown", Step: "{ id: e1, activity: department-task, title: e, department: NOWHERE, limit: { workingDays: 1 } }"),
        new("department missing", Step: "{ id: e2, activity: department-task, title: e, limit: { workingDays: 1 } }"),
        new("step limit missing", Step: "{ id: e3, activity: department-task, title: e, department: SAMR }"),
        new("step limit zero", Step: "{ id: e4, activity: department-task, title: e, department: SAMR, limit: { workingDays: 0 } }"),
        new("step limit empty", Step: "{ id: e5, activity: department-task, title: e, department: SAMR, limit: {} }"),
        new("step yellow share out of range", Step: "{ id: e6, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 }, yellowShare: 2 }"),
        new("escalation without action", Step: "{ id: e7, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 }, escalation: [ { card: red } ] }"),
        new("escalation without card", Step: "{ id: e8, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 }, escalation: [ { priority: high } ] }"),
        new("escalation priority unknown", Step: "{ id: e9, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 }, escalation: [ { card: red, priority: low } ] }"),
        new("escalation after zero", Step: "{ id: ea, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 }, escalation: [ { card: red, supervise: true, after: { workingDays: 0 } } ] }"),
        new("escalation not a list", Step: "{ id: eb, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 }, escalation: 5 }"),
        new("extension on a task", Step: "{ id: ec, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 }, extension: { max: { workingDays: 1 }, approver: SAMR } }"),
        new("statutory limit on a timer", Step: "{ id: s1, activity: timer, wait: { workingDays: 1 }, statutoryLimit: { workingDays: 2 } }"),
        new("promised over the step's statutory", Step: "{ id: s2, activity: department-task, title: s, department: SAMR, limit: { workingDays: 5 }, statutoryLimit: { workingDays: 2 } }"),
        new("stage extension unknown approver past statutory", Step: "{ id: s3, activity: stage, title: s, limit: { workingDays: 5 }, statutoryLimit: { workingDays: 6 }, extension: { max: { workingDays: 3 }, approver: NOPE }, steps: [ { id: s4, activity: department-task, title: s, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("stage extension empty", Step: "{ id: s5, activity: stage, title: s, limit: { workingDays: 5 }, extension: { }, steps: [ { id: s6, activity: department-task, title: s, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("bundle extension past statutory without approver", Limits: "timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 }, extension: { max: { workingDays: 8 } } }"),
        new("steps under a task", Step: "{ id: ed, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 }, steps: [ { id: ee, activity: department-task, title: e, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("sequence without steps", Step: "{ activity: sequence, steps: [] }"),
        new("steps not a list", Step: "{ activity: sequence, steps: 5 }"),
        new("yellow share without limit", Step: "{ activity: sequence, yellowShare: 0.5, steps: [ { id: f1, activity: department-task, title: f, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("escalation without limit", Step: "{ activity: sequence, escalation: [ { card: red, supervise: true } ], steps: [ { id: f2, activity: department-task, title: f, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("n-of-m without required", Step: "{ activity: parallel, join: n-of-m, steps: [ { id: g1, activity: department-task, title: g, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("required zero", Step: "{ activity: parallel, join: n-of-m, required: 0, steps: [ { id: g2, activity: department-task, title: g, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("required without n-of-m", Step: "{ activity: parallel, required: 1, steps: [ { id: g3, activity: department-task, title: g, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("required over the branches", Step: "{ activity: parallel, join: n-of-m, required: 3, steps: [ { id: g4, activity: department-task, title: g, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("otherwise-branch not last", Step: "{ activity: decision, steps: [ { id: q1, activity: department-task, title: q, department: SAMR, limit: { workingDays: 1 } }, { id: q2, activity: department-task, title: q, department: SAMR, limit: { workingDays: 1 }, when: \"bank == true\" } ] }"),
        new("stage without limit", Step: "{ activity: stage, title: s, steps: [ { id: h1, activity: department-task, title: h, department: SAMR, limit: { workingDays: 1 } } ] }"),
        new("stage under its critical path", Step: "{ activity: stage, title: s, limit: { workingDays: 1 }, steps: [ { id: h2, activity: department-task, title: h, department: SAMR, limit: { workingDays: 3 } } ] }"),
        new("timer without wait", Step: "{ id: i1, activity: timer, title: t }"),
        new("notification without message", Step: "{ id: j1, activity: notification }"),
        new("notification English empty", Step: "{ id: j2, activity: notification, message: { zh: done, en: '' } }"),
        new("notification English placeholder", Step: "{ id: j3, activity: notification, message: { zh: 'done {trackingNumber}', en: 'done {form.bank}' } }"),
        new("certificates missing", Step: "{ id: k1, activity: certificate-issuance, title: c }"),
        new("certificate from no step", Step: "{ id: k2, activity: certificate-issuance, title: c, certificates: [ { name: x, from: nowhere } ] }"),
        new("certificate without name", Step: "{ id: k3, activity: certificate-issuance, title: c, certificates: [ { from: licence } ] }"),
        new("certificate without from", Step: "{ id: k4, activity: certificate-issuance, title: c, certificates: [ { name: x } ] }"),
        new("certificate English name empty", Step: "{ id: k6, activity: certificate-issuance, title: c, certificates: [ { name: { zh: 执照, en: '' }, from: licence } ] }"),
        new("guide phone malformed", Top: "guide: { consultationPhone: 'call us', complaintPhone: 1234 }"),
        new("guide fees free and charged", Top: "guide: { fees: { free: true, items: [ { name: x, amount: 1, unit: 元, basis: y } ] } }"),
        new("guide fees neither free nor charged", Top: "guide: { fees: { note: 费用 } }"),
        new("guide fee item incomplete", Top: "guide: { fees: { items: [ { amount: -0.001, unit: 美元 } ] } }"),
        new("guide fee amount not a number", Top: "guide: { fees: { items: [ { name: x, amount: 十元, unit: 元, basis: y } ] } }"),
        new("guide visits out of range", Top: "guide: { visits: 9, delivery: [post, post] }"),
        new("guide no visit yet window only", Top: "guide: { visits: 0, delivery: [window] }"),
        new("guide delivery unknown", Top: "guide: { delivery: [fax] }"),
        new("guide legal basis empty", Top: "guide: { legalBasis: [], eligibility: '  ' }"),
        new("guide place without address", Top: "guide: { place: { hall: 大厅, window: { zh: 窗口, en: '' } } }"),
        new("guide text too long", Top: $"guide: {{ hoursNote: {new string('时', 201)} }}"),
        new("guide unknown key", Top: "guide: { opening: 9-5 }"),
        new("guide not an object", Top: "guide: 不收费"),
        new("legal basis on a notification", Step: "{ id: j4, activity: notification, message: done, legalBasis: [ 条例 ] }"),
        new("legal basis not a list", Step: "{ id: j5, activity: department-task, title: j, department: SAMR, limit: { workingDays: 1 }, legalBasis: 条例 }"),
        new("certificates at a counter without limit", Step: "{ id: k5, activity: certificate-issuance, title: c, department: SAMR, certificates: [ { name: x, from: licence } ] }"),
    ];

    private static string Yaml(IReadOnlyCollection<Break> breaks)
    {
        var text = new System.Text.StringBuilder();
        text.Append("id: ").Append(breaks.Select(b => b.Id).FirstOrDefault(i => i is not null) ?? "sample").Append('\n');
        text.Append("title: ").Append(breaks.Select(b => b.Title).FirstOrDefault(i => i is not null) ?? "sample").Append('\n');
        foreach (var limits in breaks.Select(b => b.Limits).Where(l => l is not null).DefaultIfEmpty("timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }"))
        {
            text.Append(limits).Append('\n');
        }

        text.Append("form:\n  - { key: bank, label: bank, type: bool }\n");
        foreach (var field in breaks.Select(b => b.Field).OfType<string>())
        {
            text.Append("  - ").Append(field).Append('\n');
        }

        text.Append("materials:\n  - { key: articles, name: articles, required: true, usedBy: [licence] }\n");
        foreach (var material in breaks.Select(b => b.Material).OfType<string>())
        {
            text.Append("  - ").Append(material).Append('\n');
        }

        text.Append("flow:\n  activity: sequence\n  steps:\n    - { id: licence, activity: department-task, title: licence, department: SAMR, limit: { workingDays: 2 } }\n");
        foreach (var step in breaks.Select(b => b.Step).OfType<string>())
        {
            text.Append("    - ").Append(step).Append('\n');
        }

        // Top-level keys last, so that a YAML break (an unfinished bracket, a second document) does not swallow the rest.
        foreach (var top in breaks.Select(b => b.Top).OfType<string>())
        {
            text.Append(top).Append('\n');
        }

        return text.ToString();
    }

    private static IReadOnlyList<DefinitionError> Errors(IReadOnlyCollection<Break> breaks) =>
        Catalog.Loader.Load(Yaml(breaks), "sample.yaml").Errors;

    /// <summary>Chinese (and other CJK) characters, and the full-width punctuation that goes with them.</summary>
    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    /// <summary>Text quoted from the file ("…"), which is the administrator's own and may be in any language.</summary>
    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();

    private static void AssertEnglish(DefinitionError error, string yaml)
    {
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn), $"no English for {error}\n{yaml}");
        Assert.False(Cjk().IsMatch(Quoted().Replace(error.MessageEn!, "")), $"not English: {error.MessageEn} ({error})\n{yaml}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void TheUnbrokenDefinition_IsValid()
    {
        var errors = Errors([]);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    public static TheoryData<Break> EachBreak() => [.. Breaks];

    [Theory]
    [MemberData(nameof(EachBreak))]
    public void EachBrokenThing_IsReported_InEnglishToo(Break broken)
    {
        var errors = Errors([broken]);

        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            AssertEnglish(error, Yaml([broken]));
        }
    }

    [Fact]
    public void AnyMixOfBrokenThings_GetsEveryErrorInEnglishToo() =>
        Gen.Int[0, Breaks.Length - 1].Array[1, 6].Sample(indexes =>
        {
            var breaks = indexes.Distinct().Select(i => Breaks[i]).ToArray();
            var errors = Errors(breaks);

            Assert.NotEmpty(errors);
            foreach (var error in errors)
            {
                AssertEnglish(error, Yaml(breaks));
            }
        }, iter: 300);
}
