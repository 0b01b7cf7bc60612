using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>The monthly and yearly reports (TH Art. 8.8, 12.2), as figures and as the Word document.</summary>
public sealed class ReportFunctions(ApiFrontDoor api)
{
    [Function("GetNetworkReport")]
    public IResult GetNetworkReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("GetNetworkReportDocument")]
    public IResult GetNetworkReportDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/document")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);
}
