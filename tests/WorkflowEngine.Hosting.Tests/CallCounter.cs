using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A store of any interface that passes each call on to the real one and counts the calls by method: how often a request
/// read or wrote the database through it.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy makes a type derived from this one: it cannot be sealed.
internal class CallCounter<T> : DispatchProxy
    where T : class
#pragma warning restore CA1852
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private T _inner = null!;

    /// <summary>Calls made to <paramref name="method"/> (its name) so far.</summary>
    public int Calls(string method) => _calls.GetValueOrDefault(method);

    /// <summary><paramref name="inner"/>, counted; the counts are read from <paramref name="counter"/>.</summary>
    public static T Wrap(T inner, out CallCounter<T> counter)
    {
        var proxy = Create<T, CallCounter<T>>();
        counter = (CallCounter<T>)(object)proxy;
        counter._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.AddOrUpdate(targetMethod.Name, 1, (_, n) => n + 1);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
