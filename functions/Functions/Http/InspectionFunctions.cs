using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>Inspections of rooms, their findings and files (TH Art. 6.4).</summary>
public sealed class InspectionFunctions(ApiFrontDoor api)
{
    [Function("PlanInspection")]
    public IResult PlanInspection([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inspections")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListInspections")]
    public IResult ListInspections([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/inspections")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("RecordFinding")]
    public IResult RecordFinding([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inspections/{inspectionId}/findings")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("AttachFindingFile")]
    public IResult AttachFindingFile([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/inspections/{inspectionId}/findings/{findingId}/files/{fileName}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ReadFindingFile")]
    public IResult ReadFindingFile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/inspections/{inspectionId}/findings/{findingId}/files/{fileName}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("CloseFinding")]
    public IResult CloseFinding([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inspections/{inspectionId}/findings/{findingId}/close")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);
}
