using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>The chair room's board: the speaking queue, incidents, giving the floor, bringing a site to the chair.</summary>
public sealed class ChairFunctions(ApiFrontDoor api)
{
    [Function("ListSpeakingRequests")]
    public IResult ListSpeakingRequests([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/meetings/{id}/chair/speaking-requests")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListIncidents")]
    public IResult ListIncidents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/meetings/{id}/chair/incidents")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("GrantFloor")]
    public IResult GrantFloor([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/chair/speaking-requests/{siteId}/grant")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("BringSiteToChair")]
    public IResult BringSiteToChair([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/chair/bring-to-chair")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);
}
