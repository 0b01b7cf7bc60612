using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>The probes and the API's description: anonymous, as monitors and API tools call them.</summary>
public sealed class ProbeFunctions(ApiFrontDoor api)
{
    [Function("Liveness")]
    public IResult Liveness([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "healthz")] HttpRequest request) => api.Handle(request);

    [Function("Readiness")]
    public IResult Readiness([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "readyz")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("OpenApiDocument")]
    public IResult OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest request) => api.Handle(request);

    [Function("ApiReference")]
    public IResult ApiReference([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/docs/{*path}")] HttpRequest request) => api.Handle(request);
}
