using Microsoft.Extensions.DependencyInjection;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Wraps the stores that write what <see cref="SessionCheckCache"/> keeps (stamps, disabling, sign-outs, new accounts) in
/// decorators that forget the account after each committed write: the one place every such change passes through, so
/// that the next writer of a stamp cannot forget to end the old sessions here.
/// </summary>
public static class SessionCheckWrites
{
    /// <summary>
    /// Replaces the last registration of <typeparamref name="TService"/> (the SQL store, or a host's own) with
    /// <paramref name="decorate"/> around it, keeping its lifetime. Call it after the store is registered.
    /// </summary>
    public static IServiceCollection DecorateForSessionChecks<TService>(this IServiceCollection services, Func<TService, SessionCheckCache, TService> decorate)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decorate);
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} must be registered before it is wrapped for the session check's cache.");
        services.Remove(inner);
        services.Add(ServiceDescriptor.Describe(
            typeof(TService),
            provider => decorate((TService)Create(provider, inner), provider.GetRequiredService<SessionCheckCache>()),
            inner.Lifetime));
        return services;
    }

    private static object Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
