using Hntt.App.Api.Security;
using Hntt.App.Meetings;

namespace Hntt.App.Api.Meetings;

/// <summary>The meeting service's answers in HTTP: 202 with the meeting's address, or an RFC 9457 problem.</summary>
internal static class MeetingAnswers
{
    /// <summary>Answers with <paramref name="then"/> on the meeting when the caller may exercise <paramref name="right"/> on it, otherwise with why not.</summary>
    public static async Task<IResult> CheckedAsync(this MeetingGate gate, HttpContext http, string id, MeetingRight right, Func<MeetingEntry, Task<IResult>> then,
        CancellationToken cancellationToken, string? siteId = null, bool open = false)
    {
        var (meeting, refusal) = await gate.CheckAsync(new Caller(http.User), id, right, cancellationToken, siteId, open);
        return meeting is null ? refusal!.ToHttp(http) : await then(meeting);
    }

    /// <summary>Describes what <see cref="ToHttp"/> answers a command with: 202 with the meeting's address, or a conflict with its state.</summary>
    public static RouteHandlerBuilder Commands(this RouteHandlerBuilder builder) =>
        builder.ProducesWithLocation<MeetingAccepted>(StatusCodes.Status202Accepted).ProducesProblems(StatusCodes.Status409Conflict);

    static Microsoft.AspNetCore.Http.HttpResults.Accepted<MeetingAccepted> Accepted(HttpContext http, MeetingAnswer.Accepted accepted)
    {
        MeetingAccepted body = MeetingAccepted.For(http.Request, accepted.MeetingId);
        return TypedResults.Accepted(body.MeetingUri, body);
    }

    public static IResult ToHttp(this MeetingAnswer answer, HttpContext http) => answer switch
    {
        MeetingAnswer.Accepted accepted => Accepted(http, accepted),
        MeetingAnswer.Invalid invalid => Problems.Invalid(invalid.Errors),
        MeetingAnswer.Forbidden forbidden => Problems.Forbidden(forbidden.Reason),
        MeetingAnswer.NotFound notFound => Problems.NotFound(notFound.Reason),
        MeetingAnswer.Conflict conflict => Problems.Conflict(conflict.Reason),
        MeetingAnswer.KeyReused => TypedResults.Problem(title: "Idempotency-Key đã dùng cho yêu cầu khác (key reused)", statusCode: StatusCodes.Status422UnprocessableEntity,
            detail: "Khóa này đã gửi một yêu cầu khác; dùng khóa mới cho yêu cầu mới (this key was used for a different request).",
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { new Domain.Meetings.ValidationError("Idempotency-Key", "reusedWithDifferentRequest", "Khóa đã dùng cho yêu cầu khác.") } }),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "An answer the API does not know."),
    };
}
