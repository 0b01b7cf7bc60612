using Hntt.App.Api;
using Hntt.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Health;

/// <summary>What a probe answers when all is well.</summary>
public sealed record HealthStatus(string Status);

/// <summary>Liveness and readiness probes: anonymous, as orchestrators of containers call them.</summary>
internal static class HealthEndpoints
{
    /// <summary>The methods monitors use.</summary>
    public static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        // HEAD as well as GET: load balancers and uptime checks ask with HEAD (the server sends the headers only).
        routes.MapMethods("/healthz", GetOrHead, () => TypedResults.Ok(new HealthStatus("up"))).AllowAnonymous().WithTags("Health")
            .WithName("Liveness").WithSummary("Up while the process serves requests.");
        routes.MapMethods("/readyz", GetOrHead, CheckReadyAsync).AllowAnonymous().WithTags("Health")
            .WithName("Readiness").WithSummary("Ready when the durable worker runs and storage answers (503 otherwise).")
            .Produces<HealthStatus>().ProducesProblems(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    // Ready when the worker runs and storage answers (a query of one instance is the cheapest round trip through the hub).
    // In the Functions app the host runs the worker, and only the hub is asked.
    static async Task<IResult> CheckReadyAsync(DurableTaskClient client, HttpContext http, CancellationToken cancellationToken)
    {
        if (http.RequestServices.GetService<TaskHubWorkerHost>() is { IsRunning: false })
        {
            return TypedResults.Problem(title: "The durable worker is not running", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            await foreach (Page<OrchestrationMetadata> _ in client.GetAllInstancesAsync(new OrchestrationQuery(PageSize: 1)).AsPages().WithCancellation(cancellationToken))
            {
                break;
            }

            return TypedResults.Ok(new HealthStatus("ready"));
        }
        catch (Azure.RequestFailedException ex)
        {
            return TypedResults.Problem(title: "Storage is not reachable", detail: ex.ErrorCode, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
