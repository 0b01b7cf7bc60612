using Hntt.Durable.Client;
using Hntt.Durable.Worker;

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

    // Ready when storage answers (a query of one instance is the cheapest round trip through the hub) and the worker runs.
    static async Task<IResult> CheckReadyAsync(DurableTaskClient client, DurableWorkerStatus worker, CancellationToken cancellationToken)
    {
        if (worker.HasWorker && !worker.IsRunning)
        {
            return TypedResults.Problem(title: "The durable worker is not running", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            await client.QueryInstancesAsync(new Durable.OrchestrationQuery { PageSize = 1 }, cancellationToken);
            return TypedResults.Ok(new { status = "ready", ownedPartitions = worker.OwnedPartitions.Order() });
        }
        catch (Azure.RequestFailedException ex)
        {
            return TypedResults.Problem(title: "Storage is not reachable", detail: ex.ErrorCode, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
