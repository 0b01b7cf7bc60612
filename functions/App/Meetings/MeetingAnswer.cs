using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>What the meeting service answers a front door; each front door says it in its own terms (an HTTP status, a page's message).</summary>
public abstract record MeetingAnswer
{
    /// <summary>Taken: the meeting was submitted, or the command sent to its workflow.</summary>
    /// <param name="MeetingId">The meeting.</param>
    /// <param name="Replayed">A retried submit with the same Idempotency-Key: the first answer again.</param>
    public sealed record Accepted(string MeetingId, bool Replayed = false) : MeetingAnswer;

    /// <summary>The input breaks rules, each named by field.</summary>
    public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : MeetingAnswer
    {
        /// <summary>One broken rule.</summary>
        public Invalid(string field, string rule, string message) : this([new ValidationError(field, rule, message)])
        {
        }
    }

    /// <summary>The caller may not do this to this meeting.</summary>
    public sealed record Forbidden(string Reason) : MeetingAnswer;

    /// <summary>No such meeting (or no such room in it).</summary>
    public sealed record NotFound(string Reason) : MeetingAnswer;

    /// <summary>Not now: the meeting is closing or finished, or its workflow has not started.</summary>
    public sealed record Conflict(string Reason) : MeetingAnswer;

    /// <summary>An Idempotency-Key sent before with a different request.</summary>
    public sealed record KeyReused : MeetingAnswer;
}
