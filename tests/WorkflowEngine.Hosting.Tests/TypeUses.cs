using System.Reflection;
using System.Reflection.Emit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Where a type uses another: in a signature (field, property, parameter, return type, base type) or in a method body
/// (a call, a field read, a <c>typeof</c>, a generic argument such as <c>GetService&lt;T&gt;()</c>), its nested types
/// included (lambdas, async state machines). The assembly references alone cannot tell this while the web layer still
/// holds both sides.
/// </summary>
internal static class TypeUses
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Each place in <paramref name="type"/> (and its nested types) that uses <paramref name="used"/>, as "Type.Member".</summary>
    public static IReadOnlyList<string> Of(Type type, Type used) => Of(type, t => t == used);

    /// <summary>Each place in <paramref name="type"/> (and its nested types) that uses a type <paramref name="used"/> accepts, as "Type.Member".</summary>
    public static IReadOnlyList<string> Of(Type type, Func<Type, bool> used)
    {
        var found = new List<string>();
        foreach (var t in WithNested(type))
        {
            if (t.BaseType is { } baseType && Mentions(baseType, used))
            {
                found.Add($"{t.FullName} : {baseType.Name}");
            }

            foreach (var field in t.GetFields(Declared).Where(f => Mentions(f.FieldType, used)))
            {
                found.Add($"{t.FullName}.{field.Name}");
            }

            foreach (var property in t.GetProperties(Declared).Where(p => Mentions(p.PropertyType, used)))
            {
                found.Add($"{t.FullName}.{property.Name}");
            }

            foreach (var method in t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
            {
                if (method.GetParameters().Any(p => Mentions(p.ParameterType, used)) || (method is MethodInfo m && Mentions(m.ReturnType, used))
                    || BodyUses(method, used))
                {
                    found.Add($"{t.FullName}.{method.Name}");
                }
            }
        }

        return found;
    }

    private static IEnumerable<Type> WithNested(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested).Prepend(type);

    private static bool Mentions(Type? type, Func<Type, bool> used) =>
        type is not null && (used(type)
            || (type.HasElementType && Mentions(type.GetElementType(), used))
            || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, used))));

    private static bool BodyUses(MethodBase method, Func<Type, bool> used)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return false;
        }

        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok
                && Uses(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments, used))
            {
                return true;
            }

            at += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }

        return false;
    }

    private static bool Uses(Module module, int token, Type[]? typeArguments, Type[]? methodArguments, Func<Type, bool> used)
    {
        MemberInfo member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments)!;
        }
        catch (ArgumentException)
        {
            return false;
        }

        return member switch
        {
            Type type => Mentions(type, used),
            FieldInfo field => Mentions(field.DeclaringType, used) || Mentions(field.FieldType, used),
            MethodInfo method => Mentions(method.DeclaringType, used) || Mentions(method.ReturnType, used)
                || (method.IsGenericMethod && method.GetGenericArguments().Any(a => Mentions(a, used)))
                || method.GetParameters().Any(p => Mentions(p.ParameterType, used)),
            MethodBase constructor => Mentions(constructor.DeclaringType, used) || constructor.GetParameters().Any(p => Mentions(p.ParameterType, used)),
            _ => false,
        };
    }
}
