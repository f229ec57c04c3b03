namespace WorkflowEngine.Testing.Platform;

/// <summary>What the <see cref="IdentityPlatform"/> gets wrong in the next token it issues, as a broken or hostile platform would.</summary>
public enum PlatformTampering
{
    None,

    /// <summary>Signed with a key that is not the one the JWKS publishes (same key id).</summary>
    WrongSignature,

    /// <summary>Issued for another client.</summary>
    WrongAudience,

    /// <summary>With a nonce the relying party never sent.</summary>
    WrongNonce,

    /// <summary>Expired ten minutes ago (beyond any clock skew allowance).</summary>
    Expired,
}
