using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>A room in a meeting: test calls, the rehearsal, readiness, the floor, incidents, the evaluation; its logbook.</summary>
public sealed class SiteFunctions(ApiFrontDoor api)
{
    [Function("ReportTestCall")]
    public IResult ReportTestCall([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/sites/{siteId}/tests/{stage}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ReportRehearsal")]
    public IResult ReportRehearsal([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/sites/{siteId}/rehearsal")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ConfirmReadiness")]
    public IResult ConfirmReadiness([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/sites/{siteId}/readiness")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("RequestFloor")]
    public IResult RequestFloor([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/sites/{siteId}/speaking-requests")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ReportIncident")]
    public IResult ReportIncident([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/sites/{siteId}/incidents")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ResolveIncident")]
    public IResult ResolveIncident([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/sites/{siteId}/incidents/{incidentId}/resolve")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("EvaluateSession")]
    public IResult EvaluateSession([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/sites/{siteId}/evaluation")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ReadLogbook")]
    public IResult ReadLogbook([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/sites/{siteId}/logbook")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);
}
