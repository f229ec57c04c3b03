using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Api;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The engine's pages, where the engine runs (the all-in-one and engine hosts): the applicants' catalogue, application
/// and one-time notices, the public dashboard, the administrator's console and the supervisors' clock extensions. They
/// join the pages every host has (<see cref="PagesHosting.AddWorkflowPages"/>, in WorkflowEngine.Web.Pages); a
/// department host does not carry this assembly, so none of them is found there.
/// </summary>
public static class EnginePages
{
    public static WebApplicationBuilder AddEnginePages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
            {
                // The pages that take files read a multipart body up to the upload bound, as the API's uploads do, and their
                // posts (submitting, uploading, supplying supplements) count against the API's submission limit.
                foreach (var page in (string[])["/Services/Apply", "/Applications/Tracking", "/Window/Intake"])
                {
                    o.Conventions.AddPageApplicationModelConvention(page, model =>
                    {
                        model.EndpointMetadata.Add(BodyRule.Multipart);
                        model.EndpointMetadata.Add(FormTextJudged.Instance);
                        model.EndpointMetadata.Add(new EnableRateLimitingAttribute(ApplicationsEndpoints.SubmissionsPolicy));
                    });
                }

                // The apply page's check of the answers as they are typed: a form without files, at the bound of a JSON
                // body. It takes only the limit of every request, not the submissions': a check is made at every field left.
                foreach (var page in (string[])["/Services/ApplyCheck", "/Window/IntakeCheck"])
                {
                    o.Conventions.AddPageApplicationModelConvention(page, model =>
                    {
                        model.EndpointMetadata.Add(BodyRule.Form);
                        model.EndpointMetadata.Add(FormTextJudged.Instance);
                    });
                }

                // The public look-up posts a tracking number and a query code; its limit per address and number is its own
                // (TrackingLookupLimiter), taken once the number is read.
                o.Conventions.AddPageApplicationModelConvention("/Applications/PublicTrack", model =>
                {
                    model.EndpointMetadata.Add(BodyRule.Form);
                    model.EndpointMetadata.Add(FormTextJudged.Instance);
                });

                // Window staff follow and act on a walk-in's application at an address of their own.
                o.Conventions.AddPageRoute("/Applications/Tracking", Pages.Applications.TrackingModel.WindowPath.TrimStart('/') + "/{id:guid}");

                // The definition editor posts a definition's text, held to the API's bound for definitions.
                o.Conventions.AddPageApplicationModelConvention("/Admin/Edit", model => model.EndpointMetadata.Add(BodyRule.DefinitionForm));
            })
            .ConfigureApplicationPartManager(manager => manager.AddPart(typeof(EnginePages).Assembly));
        return builder;
    }
}
