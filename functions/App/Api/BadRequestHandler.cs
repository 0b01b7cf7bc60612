using System.Text.Json;
using System.Text.RegularExpressions;
using Hntt.Domain.Meetings;
using Microsoft.AspNetCore.Diagnostics;

namespace Hntt.App.Api;

/// <summary>
/// Turns what the framework refuses before a handler runs — malformed JSON, wrong types, missing or unknown
/// fields, unparsable route and query values, oversize bodies — into a problem naming the field and the rule.
/// </summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        ValidationError error = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Dữ liệu quá lớn (request body too large)" : "Dữ liệu không hợp lệ (invalid input)",
                Detail = error.Message,
                Type = "https://hntt.gov.vn/problems/validation",
                Extensions = { ["errors"] = new[] { error } },
            },
        });
    }

    static ValidationError Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new("body", "maxSize", "Nội dung yêu cầu vượt quá kích thước cho phép (the body is larger than this endpoint accepts).");
        }

        if (bad.InnerException is JsonException json)
        {
            string field = JsonField(json.Path);
            string rule = json.Message.Contains("missing required", StringComparison.OrdinalIgnoreCase) ? "required"
                : json.Message.Contains("could not be mapped", StringComparison.OrdinalIgnoreCase) ? "unknownField"
                : json.Message.Contains("null", StringComparison.OrdinalIgnoreCase) ? "notNull"
                : json.Path is null or "$" && json.BytePositionInLine is not null ? "json" : "type";
            string? missing = MissingProperty().Match(json.Message) is { Success: true } m ? m.Groups[1].Value : null;
            return new(missing is null ? field : Join(field, missing), rule, $"Trường '{(missing is null ? field : Join(field, missing))}' không đúng định dạng: {json.Message}");
        }

        // "Failed to bind parameter \"int top\" from \"abc\"." / "Required parameter \"string x\" was not provided from query string."
        string parameter = Parameter().Match(bad.Message) is { Success: true } p ? p.Groups[1].Value : "request";
        string kind = bad.Message.StartsWith("Required", StringComparison.Ordinal) ? "required" : "type";
        return new(parameter, kind, $"Tham số '{parameter}' không hợp lệ: {bad.Message}");
    }

    static string JsonField(string? path) => path is null or "$" ? "body" : path.TrimStart('$', '.');

    static string Join(string parent, string child) => parent == "body" ? child : $"{parent}.{child}";

    [GeneratedRegex("parameter \"[^ \"]+ ([^\"]+)\"")]
    private static partial Regex Parameter();

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingProperty();
}
