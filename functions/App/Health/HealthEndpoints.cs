using Hntt.Durable.Client;

namespace Hntt.App.Health;

/// <summary>Liveness and readiness probes, the only anonymous endpoints besides the status page.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "up" }));
        routes.MapGet("/readyz", CheckReadyAsync);
        return routes;
    }

    // Ready when storage answers: a query of one instance is the cheapest round trip through the hub.
    static async Task<IResult> CheckReadyAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.QueryInstancesAsync(new Durable.OrchestrationQuery { PageSize = 1 }, cancellationToken);
            return TypedResults.Ok(new { status = "ready" });
        }
        catch (Azure.RequestFailedException ex)
        {
            return TypedResults.Problem(title: "Storage is not reachable", detail: ex.ErrorCode, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
