using Hntt.App.Api;
using Hntt.Functions.Durable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>
/// The API behind the HTTP triggers: the same middleware and endpoint table the local host serves
/// (<see cref="ApiSetup.UseApiMiddleware"/>, <see cref="ApiSetup.MapApi"/>), built once. A trigger hands its request
/// here; routing finds the endpoint the trigger's own route named, and authentication, the audit, the role and scope
/// checks, rate limits and problem responses happen as they do locally. So the Functions app has no handler of its own.
/// </summary>
public sealed class ApiFrontDoor(IServiceProvider services, BoundDurableClient durable)
{
    readonly Lazy<RequestDelegate> pipeline = new(() =>
    {
        var app = new ApplicationBuilder(services);
        app.UseApiMiddleware();
        app.UseEndpoints(endpoints => endpoints.MapApi());
        return app.Build();
    });

    /// <summary>
    /// Answers an HTTP trigger's request as the API does; <paramref name="client"/> is the invocation's durable client
    /// (none for the triggers that answer without the workflow: liveness, the OpenAPI document and page).
    /// </summary>
    public IResult Handle(HttpRequest request, DurableTaskClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (client is not null)
        {
            durable.Bind(client);
        }

        return new PipelineResult(pipeline.Value);
    }

    // Runs the pipeline on the worker's HttpContext. The Functions host matched the trigger already: routing here starts
    // afresh (no endpoint set), so the API's own endpoint — with its policies and metadata — is the one that runs.
    sealed class PipelineResult(RequestDelegate pipeline) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.SetEndpoint(null);
            return pipeline(httpContext);
        }
    }
}
