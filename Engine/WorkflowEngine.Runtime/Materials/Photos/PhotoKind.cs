namespace WorkflowEngine.Runtime.Materials.Photos;

/// <summary>The image formats a photographed page may come in.</summary>
public enum PhotoKind
{
    Jpeg,
    Png,
}
