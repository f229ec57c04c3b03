using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Forms;

/// <summary>The most any form field takes, so that no field is unbounded whatever its definition says.</summary>
public static class FieldLimits
{
    /// <summary>A <c>text</c> field without <c>maxLength</c> takes this many characters (UTF-16 code units).</summary>
    public const int DefaultTextMaxLength = 2_000;

    /// <summary>The largest <c>maxLength</c> a definition may give a <c>text</c> field.</summary>
    public const int TextMaxLengthCeiling = 10_000;

    /// <summary>The longest address SMTP carries (RFC 5321: a 256-octet path less its angle brackets).</summary>
    public const int EmailMaxLength = 254;

    /// <summary>RFC 5321's limit on the part before the <c>@</c>.</summary>
    public const int EmailLocalPartMaxLength = 64;

    /// <summary>Digits before the decimal point of a <c>money</c> amount (up to 999 trillion yuan).</summary>
    public const int MoneyMaxIntegerDigits = 15;

    /// <summary>The most characters the field's value may have, or null where the type fixes its shape (numbers, dates, choices).</summary>
    public static int? MaxLengthOf(FormField field) => field.Type switch
    {
        FieldType.Text => field.MaxLength ?? DefaultTextMaxLength,
        FieldType.Email => EmailMaxLength,
        FieldType.CnResidentId or FieldType.Uscc => 18,
        FieldType.Phone => 13,
        _ => null,
    };
}
