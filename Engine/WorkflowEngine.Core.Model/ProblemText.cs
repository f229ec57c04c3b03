namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// Why a clerk's action was refused, in Chinese (the API's language) and English (the pages' English switch): both
/// made where the refusal is, with the same values (a clerk's name, a date) in each.
/// </summary>
/// <remarks>
/// Among the shared words, not the department side, since every host's problem titles are written with it (the engine
/// host's too, which carries nothing of the department side); it kept the namespace it had there.
/// </remarks>
public sealed record ProblemText(string Zh, string En)
{
    public override string ToString() => Zh;
}
