namespace WorkflowEngine.Core.Model;

/// <summary>The types a combined-form field can have; the definition format names them in kebab-case.</summary>
public enum FieldType
{
    Text,
    Number,
    Money,
    Date,
    Bool,
    Choice,
    CnResidentId,
    Uscc,
    Phone,
    Email,
}
