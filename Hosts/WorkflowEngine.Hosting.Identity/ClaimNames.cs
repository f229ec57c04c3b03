namespace WorkflowEngine.Hosting.Identity;

/// <summary>The claims a signed-in user carries.</summary>
public static class ClaimNames
{
    public const string Department = "department";

    /// <summary>The password's stamp when the session began: a changed password ends the session.</summary>
    public const string SecurityStamp = "stamp";

    /// <summary>Where the person signed in, when it was not with a password here (<see cref="OidcSignIn.Provider"/>).</summary>
    public const string IdentityProvider = "idp";

    /// <summary>
    /// A platform session's place in the sign-in audit (the id of the sign-in it began with): a sign-out recorded after it
    /// ends the session, a copy of its cookie included.
    /// </summary>
    public const string SessionBegan = "began";
}
