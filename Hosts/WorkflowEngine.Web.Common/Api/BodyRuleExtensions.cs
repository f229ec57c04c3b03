using Microsoft.AspNetCore.Builder;

namespace WorkflowEngine.Hosting.Api;

/// <summary>Declares on an endpoint what body it reads.</summary>
public static class BodyRuleExtensions
{
    public static RouteHandlerBuilder Reads(this RouteHandlerBuilder endpoint, BodyRule rule) => endpoint.WithMetadata(rule);

    /// <summary>
    /// A body of <typeparamref name="TBody"/>, read by hand (<see cref="RequestBodies"/>) so that a malformed one gets a
    /// precise problem; its shape is declared for the API reference only. Not as <c>Accepts&lt;T&gt;</c>: that also
    /// makes routing refuse another content type with its own bare 415, before <see cref="RequestBodyGuard"/> can say
    /// in the reader's language what to send.
    /// </summary>
    public static RouteHandlerBuilder Reads<TBody>(this RouteHandlerBuilder endpoint, BodyRule rule)
        where TBody : notnull =>
        endpoint.WithMetadata(rule, new BodyShape(typeof(TBody)));
}

/// <summary>The type whose shape an endpoint's body takes, for the API reference.</summary>
public sealed record BodyShape(Type Type);
