namespace WorkflowEngine.Runtime.Users;

/// <summary>What became of a change to a user that could take away the last administrator.</summary>
public enum UserChangeStatus
{
    Done,
    NotFound,

    /// <summary>Refused: no other enabled administrator would be left.</summary>
    LastAdministrator,
}
