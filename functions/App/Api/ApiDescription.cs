using System.Globalization;
using System.Reflection;
using Hntt.Domain.Meetings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Hntt.App.Api;

/// <summary>An RFC 9457 problem as this API writes it; invalid input names each field and the rule it broke in <c>errors</c>.</summary>
/// <param name="Title">What went wrong, in Vietnamese with English in brackets.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Type">A URI naming the kind of problem.</param>
/// <param name="Detail">This occurrence, in words.</param>
/// <param name="Instance">The request's path.</param>
/// <param name="TraceId">The trace to quote when asking ops.</param>
/// <param name="Errors">Each field and rule (400, 413, 415, 422).</param>
[System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.Strict)] // status is a number, never a string
public sealed record Problem(string Title, int Status, string? Type = null, string? Detail = null, string? Instance = null, string? TraceId = null,
    IReadOnlyList<ValidationError>? Errors = null);

/// <summary>
/// What generated clients read in the OpenAPI document beyond the endpoints' own success types: the bearer scheme, and on
/// every operation the problems it can answer. Those follow from what an endpoint is (authorised, ids in its route, a body,
/// a rate limit), so an endpoint is described by being mapped; an endpoint adds its own (409, 410, 412…) with <see cref="ProducesProblems"/>.
/// </summary>
internal static class ApiDescription
{
    const string Bearer = "bearer";
    static readonly string[] ProblemJson = ["application/problem+json"];

    static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Meetings"] = "Meeting requests, their timeline and readiness, notices and the emergency call list (TH Art. 7, SL II.1).",
        ["Sites"] = "What a meeting room's technicians report: test calls, readiness, the floor, incidents, the logbook (TH Art. 4, 11).",
        ["Chair"] = "The chair room's board: speaking requests, incidents, bringing a site to the chair's screen (TH Art. 10.3).",
        ["Registry"] = "Units, meeting rooms, MCUs and technicians (TH Art. 8.3).",
        ["Runtime"] = "The orchestration management API, shaped like the Durable Functions HTTP API.",
        ["Audit"] = "Who changed what, when.",
        ["Health"] = "Liveness and readiness for load balancers and uptime checks.",
    };

    public static IServiceCollection AddApiDescription(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "HNTT — điều phối hội nghị truyền hình trực tuyến";
            document.Info.Description = "Meetings, sites, chair, registry, audit and the orchestration runtime. Every endpoint but health takes a bearer token (scripts/token ROLE [UNIT_OR_SITE] locally; Entra ID in Azure).";
            document.Info.License = new OpenApiLicense { Name = "Proprietary — UBND tỉnh" };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [Bearer] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT", Description = "An access token for the caller's role and unit." },
            };
            foreach (OpenApiServer server in document.Servers ?? Enumerable.Empty<OpenApiServer>())
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            foreach (OpenApiTag tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
            {
                tag.Description = tag.Name is { } name ? TagDescriptions.GetValueOrDefault(name) : null;
            }

            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            IList<object> metadata = context.Description.ActionDescriptor.EndpointMetadata;
            // Anonymous operations say so with an empty list; the rest name the scheme.
            operation.Security = RequiresUser(metadata)
                ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }]
                : [];
            // One endpoint answering GET and HEAD is two operations: the HEAD one's id says so.
            if (context.Description.HttpMethod == HttpMethods.Head && operation.OperationId is { } id)
            {
                operation.OperationId = "Head" + id;
            }

            foreach (LocationHeader location in metadata.OfType<LocationHeader>())
            {
                if (operation.Responses?.GetValueOrDefault(location.Status.ToString(CultureInfo.InvariantCulture)) is OpenApiResponse response)
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    response.Headers["Location"] = new OpenApiHeader { Description = "Where the created or accepted resource is read.", Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" } };
                }
            }

            return Task.CompletedTask;
        });
    });

    /// <summary>Adds the problems each endpoint of <paramref name="builder"/> can answer to its metadata, once every other convention has run.</summary>
    public static TBuilder WithProblemResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            IList<object> metadata = endpoint.Metadata;
            bool hasBody = metadata.OfType<IAcceptsMetadata>().Any();
            bool hasRouteIds = endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 };
            bool takesValues = metadata.OfType<MethodInfo>().Any(m => m.GetParameters().Any(IsValue));
            var statuses = new List<int>();
            if (hasBody || takesValues)
            {
                statuses.Add(StatusCodes.Status400BadRequest);
            }

            if (RequiresUser(metadata))
            {
                statuses.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
            }

            if (hasRouteIds)
            {
                statuses.Add(StatusCodes.Status404NotFound);
            }

            if (hasBody)
            {
                statuses.AddRange([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                statuses.Add(StatusCodes.Status429TooManyRequests);
            }

            AddProblems(metadata, statuses);
        });
        return builder;
    }

    /// <summary>A success that answers with a <c>Location</c> header: 201 Created, or 202 Accepted where the outcome will be read.</summary>
    public static RouteHandlerBuilder ProducesWithLocation<T>(this RouteHandlerBuilder builder, int status) =>
        builder.Produces<T>(status).WithMetadata(new LocationHeader(status));

    /// <summary>Problems particular to one endpoint (a conflict, a precondition), described with the same schema as the rest.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. statuses.Select(ProblemMetadata)]);

    sealed record LocationHeader(int Status);

    static void AddProblems(IList<object> metadata, IEnumerable<int> statuses)
    {
        HashSet<int> described = [.. metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode)];
        foreach (int status in statuses.Where(described.Add))
        {
            metadata.Add(ProblemMetadata(status));
        }
    }

    static ProducesResponseTypeMetadata ProblemMetadata(int status) => new(status, typeof(Problem), ProblemJson);

    static bool RequiresUser(IList<object> metadata) => metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    // A value from the route or the query, which the caller can get wrong (services and the body are classes or interfaces).
    static bool IsValue(ParameterInfo parameter)
    {
        Type type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset);
    }
}
