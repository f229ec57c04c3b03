using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Declares on an endpoint what body it reads.</summary>
public static class BodyRuleExtensions
{
    public static RouteHandlerBuilder Reads(this RouteHandlerBuilder endpoint, BodyRule rule) => endpoint.WithMetadata(rule);

    /// <summary>
    /// A body of <typeparamref name="TBody"/>, read by hand (<see cref="RequestBodies"/>) so that a malformed one gets a
    /// precise problem; declared here so the API reference shows its schema all the same.
    /// </summary>
    public static RouteHandlerBuilder Reads<TBody>(this RouteHandlerBuilder endpoint, BodyRule rule)
        where TBody : notnull
    {
        var types = MediaTypes.Accepted(rule);
        return endpoint.WithMetadata(rule).Accepts<TBody>(types[0], types[1..]);
    }
}
