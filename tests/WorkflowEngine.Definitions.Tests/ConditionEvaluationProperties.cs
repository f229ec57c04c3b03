using CsCheck;
using WorkflowEngine.Core.Conditions;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Definitions.Forms;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>The shipped definitions' conditions evaluate without throwing over every form the validator accepts.</summary>
public sealed class ConditionEvaluationProperties
{
    [Theory]
    [InlineData("business-opening")]
    [InlineData("construction-permit")]
    [InlineData("joint-acceptance-registration")]
    public void Evaluate_ShippedConditions_NeverThrowOverAcceptedForms(string id)
    {
        var definition = Catalog.Shipped(id);
        var conditions = definition.Flow.DescendantsAndSelf().Select(n => n.When).OfType<Condition>().ToArray();
        Assert.NotEmpty(conditions);

        FormValueGen.Form(definition, TestDefinitions.Today).Sample(form =>
        {
            var normalized = FormNormalizer.Normalize(definition, form);
            Assert.Empty(TestDefinitions.FormErrors(definition, normalized));

            var values = FormValues.ForConditions(definition, normalized);
            foreach (var condition in conditions)
            {
                condition.Evaluate(values);
            }
        }, iter: 300);
    }
}
