using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>A task's payload without the form, cut out of the step's JSON as it arrived.</summary>
public sealed class StepPayloadTests
{
    [Fact]
    public void SplitForm_CutsTheFormOut_AndLeavesEverythingElseAsItWas()
    {
        const string body = """{"contractVersion":1,"stepId":"seal-engraving","form":{"companyName":"福州闽江","nested":{"form":1},"list":[1,{"a":"}"}]},"materials":[]}""";

        var (payload, form) = StepPayload.SplitForm(body);

        Assert.Equal("""{"contractVersion":1,"stepId":"seal-engraving","form":null,"materials":[]}""", payload);
        Assert.Equal("""{"companyName":"福州闽江","nested":{"form":1},"list":[1,{"a":"}"}]}""", form);
    }

    [Fact]
    public void Split_CutsTheNamedPropertyOut_AndNotOneOfTheSameNameInside()
    {
        const string body = """{"form":null,"formRevision":2,"extra":{"earlierCorrections":1},"earlierCorrections":[{"formRevision":1,"corrections":[]}],"materials":[]}""";

        var (payload, cut) = StepPayload.Split(body, "earlierCorrections"u8);

        Assert.Equal("""{"form":null,"formRevision":2,"extra":{"earlierCorrections":1},"earlierCorrections":null,"materials":[]}""", payload);
        Assert.Equal("""[{"formRevision":1,"corrections":[]}]""", cut);
    }

    [Theory]
    [InlineData("""{"stepId":"x"}""")]
    [InlineData("""{"stepId":"x","form":null}""")]
    [InlineData("[]")]
    public void SplitForm_WithoutAForm_KeepsTheBodyAsItIs(string body)
    {
        var (payload, form) = StepPayload.SplitForm(body);

        Assert.Equal(body, payload);
        Assert.Null(form);
    }

    [Fact]
    public void SplitForm_ThenPuttingTheFormBack_GivesTheSameStep_ForAnyForm()
    {
        var values = Gen.OneOf<JsonNode?>(
            Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const((JsonNode?)null));
        var forms = Gen.Dictionary(Gen.String[1, 20], values)[0, 12];

        forms.Sample(fields =>
        {
            var form = new JsonObject();
            foreach (var (key, value) in fields)
            {
                form[key] = value?.DeepClone();
            }

            var step = new JsonObject { ["stepId"] = "s", ["form"] = form, ["title"] = "印章\"刻制\"" };
            var (payload, cut) = StepPayload.SplitForm(step.ToJsonString());

            var back = JsonNode.Parse(payload)!.AsObject();
            Assert.Null(back["form"]);
            back["form"] = JsonNode.Parse(cut!);
            Assert.True(JsonNode.DeepEquals(step, back), $"{step.ToJsonString()} != {back.ToJsonString()}");
        });
    }
}
