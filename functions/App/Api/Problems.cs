using Hntt.Domain.Meetings;

namespace Hntt.App.Api;

/// <summary>RFC 9457 problem responses; invalid input names each field and the rule it broke.</summary>
internal static class Problems
{
    /// <summary>400 listing every problem with the input: <c>errors: [{ field, rule, message }]</c>.</summary>
    public static IResult Invalid(IEnumerable<ValidationError> errors) => TypedResults.Problem(
        title: "Dữ liệu không hợp lệ (invalid input)",
        detail: "Xem danh sách lỗi theo từng trường (see errors per field).",
        statusCode: StatusCodes.Status400BadRequest,
        type: "https://hntt.gov.vn/problems/validation",
        extensions: new Dictionary<string, object?> { ["errors"] = errors.ToList() });

    /// <summary>400 for one field.</summary>
    public static IResult Invalid(string field, string rule, string message) => Invalid([new ValidationError(field, rule, message)]);

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(title: "Không tìm thấy (not found)", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Không có quyền (forbidden)", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(title: "Xung đột (conflict)", detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static IResult Gone(string detail) =>
        TypedResults.Problem(title: "Đã kết thúc (gone)", detail: detail, statusCode: StatusCodes.Status410Gone);

    public static IResult PreconditionFailed(string detail) =>
        TypedResults.Problem(title: "Chưa đủ điều kiện (precondition failed)", detail: detail, statusCode: StatusCodes.Status412PreconditionFailed);
}

/// <summary>
/// Problems the framework writes itself (a body over the limit, a body that is not JSON) name the field and rule too,
/// so every refusal reads the same way.
/// </summary>
internal static class ProblemFields
{
    public static void Complete(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.ContainsKey("errors"))
        {
            return;
        }

        ValidationError? error = context.ProblemDetails.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => new("body", "maxSize", "Nội dung yêu cầu vượt quá kích thước cho phép (the body is larger than this endpoint accepts)."),
            StatusCodes.Status415UnsupportedMediaType => new("Content-Type", "json", "Gửi nội dung dạng application/json."),
            StatusCodes.Status400BadRequest => new("body", "invalid", "Yêu cầu không đọc được (the request could not be read)."),
            _ => null,
        };
        if (error is not null)
        {
            context.ProblemDetails.Extensions["errors"] = new[] { error };
            context.ProblemDetails.Detail ??= error.Message;
        }
    }
}
