using Hntt.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Health;

/// <summary>Liveness and readiness probes: anonymous, as orchestrators of containers call them.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "up" })).AllowAnonymous().WithTags("Health");
        routes.MapGet("/readyz", CheckReadyAsync).AllowAnonymous().WithTags("Health");
        return routes;
    }

    // Ready when the worker runs and storage answers (a query of one instance is the cheapest round trip through the hub).
    static async Task<IResult> CheckReadyAsync(DurableTaskClient client, TaskHubWorkerHost worker, CancellationToken cancellationToken)
    {
        if (!worker.IsRunning)
        {
            return TypedResults.Problem(title: "The durable worker is not running", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            await foreach (Page<OrchestrationMetadata> _ in client.GetAllInstancesAsync(new OrchestrationQuery(PageSize: 1)).AsPages().WithCancellation(cancellationToken))
            {
                break;
            }

            return TypedResults.Ok(new { status = "ready" });
        }
        catch (Azure.RequestFailedException ex)
        {
            return TypedResults.Problem(title: "Storage is not reachable", detail: ex.ErrorCode, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
