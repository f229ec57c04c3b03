using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Hosting.Api;

/// <summary>A step's own legal basis (设定依据) in the service guide: the step, its title and the laws it is decided under.</summary>
public sealed record StepLegalBasisDto(string StepId, LocalizedText Title, IReadOnlyList<LocalizedText> LegalBasis);
