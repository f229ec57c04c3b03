using WorkflowEngine.Activities;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// The English pages read every shipped service in English: wherever 企业开办 gives a kind of text in English (the
/// title, the form's labels, the materials, the steps, the notices…), every shipped definition gives that kind in
/// English too, so a definition added without English fails here rather than showing Chinese on English pages.
/// </summary>
public sealed class ShippedDefinitionEnglishTests
{
    private const string Model = "business-opening";

    public static TheoryData<string> Shipped { get; } = new(
        Directory.GetFiles(Path.Combine(RepositoryPaths.Definitions, "services"), "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Shipped))]
    public void ShippedDefinition_GivesEnglish_WhereverBusinessOpeningDoes(string id)
    {
        var kinds = Texts(Catalog.Shipped(Model)).Where(t => t.Text.En is not null).Select(t => t.Kind).ToHashSet(StringComparer.Ordinal);

        var missing = Texts(Catalog.Shipped(id))
            .Where(t => kinds.Contains(t.Kind) && string.IsNullOrWhiteSpace(t.Text.En))
            .Select(t => $"{t.Kind} {t.Where}: {t.Text.Zh}")
            .ToList();

        Assert.True(missing.Count == 0, $"{id} has no English for:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
    }

    [Fact]
    public void BusinessOpening_GivesEnglish_ForEveryKindOfTextTheApplicantReads()
    {
        var kinds = Texts(Catalog.Shipped(Model)).Where(t => t.Text.En is not null).Select(t => t.Kind).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "description", "eligibility", "fee note", "form label", "hall", "hall address", "hall window", "hours note", "legal basis",
                "material description", "material name", "notification", "option label", "step legal basis", "step title", "title",
            ],
            kinds);
    }

    /// <summary>Every text of a definition the applicant's pages show, with its kind and where it stands.</summary>
    private static IEnumerable<(string Kind, string Where, LocalizedText Text)> Texts(WorkflowDefinition definition)
    {
        yield return ("title", "title", definition.Title);
        if (definition.Description is { } description)
        {
            yield return ("description", "description", description);
        }

        foreach (var field in definition.Form)
        {
            yield return ("form label", field.Key, field.Label);
            if (field.Help is { } help)
            {
                yield return ("form help", field.Key, help);
            }

            foreach (var option in field.Options)
            {
                yield return ("option label", $"{field.Key}.{option.Value}", option.Label);
            }
        }

        foreach (var material in definition.Materials)
        {
            yield return ("material name", material.Key, material.Name);
            if (material.Description is { } about)
            {
                yield return ("material description", material.Key, about);
            }
        }

        foreach (var node in definition.Nodes.Values)
        {
            if (node.Title is { } title)
            {
                yield return ("step title", node.Id, title);
            }

            if (node.Settings is Notification.Settings notice)
            {
                yield return ("notification", node.Id, notice.Message);
            }

            foreach (var (basis, i) in (node.LegalBasis ?? []).Select((b, i) => (b, i)))
            {
                yield return ("step legal basis", $"{node.Id}[{i}]", basis);
            }
        }

        foreach (var text in GuideTexts(definition.Guide))
        {
            yield return text;
        }
    }

    /// <summary>The texts of the service guide (办事指南) the notice shows.</summary>
    private static IEnumerable<(string Kind, string Where, LocalizedText Text)> GuideTexts(ServiceGuide? guide)
    {
        if (guide is null)
        {
            yield break;
        }

        foreach (var (basis, i) in (guide.LegalBasis ?? []).Select((b, i) => (b, i)))
        {
            yield return ("legal basis", $"guide.legalBasis[{i}]", basis);
        }

        var single = new (string Kind, string Where, LocalizedText? Text)[]
        {
            ("eligibility", "guide.eligibility", guide.Eligibility),
            ("fee note", "guide.fees.note", guide.Fees?.Note),
            ("hall", "guide.place.hall", guide.Place?.Hall),
            ("hall address", "guide.place.address", guide.Place?.Address),
            ("hall window", "guide.place.window", guide.Place?.Window),
            ("hours note", "guide.hoursNote", guide.HoursNote),
        };
        foreach (var (kind, where, text) in single)
        {
            if (text is not null)
            {
                yield return (kind, where, text);
            }
        }

        foreach (var (item, i) in (guide.Fees?.Items ?? []).Select((f, i) => (f, i)))
        {
            if (item.Name is { } name)
            {
                yield return ("fee name", $"guide.fees.items[{i}].name", name);
            }

            if (item.Basis is { } basis)
            {
                yield return ("fee basis", $"guide.fees.items[{i}].basis", basis);
            }
        }
    }
}
