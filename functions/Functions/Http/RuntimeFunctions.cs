using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>Ops: every orchestration (shaped like the Durable Functions HTTP API, behind our roles and audit), and the audit itself.</summary>
public sealed class RuntimeFunctions(ApiFrontDoor api)
{
    [Function("GetInstance")]
    public IResult GetInstance([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runtime/instances/{instanceId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("QueryInstances")]
    public IResult QueryInstances([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runtime/instances")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("RaiseEvent")]
    public IResult RaiseEvent([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "runtime/instances/{instanceId}/raiseEvent/{eventName}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("TerminateInstance")]
    public IResult TerminateInstance([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "runtime/instances/{instanceId}/terminate")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("SuspendInstance")]
    public IResult SuspendInstance([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "runtime/instances/{instanceId}/suspend")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ResumeInstance")]
    public IResult ResumeInstance([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "runtime/instances/{instanceId}/resume")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("PurgeInstance")]
    public IResult PurgeInstance([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "runtime/instances/{instanceId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("PurgeInstances")]
    public IResult PurgeInstances([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "runtime/instances")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("RestartInstance")]
    public IResult RestartInstance([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "runtime/instances/{instanceId}/restart")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListPoisonMessages")]
    public IResult ListPoisonMessages([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runtime/poison")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ReadAudit")]
    public IResult ReadAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);
}
