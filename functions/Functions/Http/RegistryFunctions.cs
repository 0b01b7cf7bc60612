using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>The registry: units, rooms, MCUs, technicians.</summary>
public sealed class RegistryFunctions(ApiFrontDoor api)
{
    [Function("ListUnits")]
    public IResult ListUnits([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/registry/units")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListSites")]
    public IResult ListSites([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/registry/sites")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("GetSite")]
    public IResult GetSite([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/registry/sites/{siteId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListBookings")]
    public IResult ListBookings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/registry/sites/{siteId}/bookings")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListMcus")]
    public IResult ListMcus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/registry/mcus")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListTechnicians")]
    public IResult ListTechnicians([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/registry/technicians")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("AddTechnician")]
    public IResult AddTechnician([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/registry/technicians")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ReplaceTechnician")]
    public IResult ReplaceTechnician([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/registry/technicians/{technicianId}/replace")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);
}
