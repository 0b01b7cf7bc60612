using System.Text.Json.Serialization;

namespace Hntt.Domain.Meetings;

/// <summary>
/// What people ask of a meeting once it is submitted: the closed set the workflow takes, each checking its own
/// fields. In the task hub a command travels as the event <see cref="EventName"/>, its kind in <c>action</c>: the
/// names below are those in running meetings' histories, so they never change. A new command is one record here,
/// one <see cref="JsonDerivedTypeAttribute"/>, and one case in the workflow's switch.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "action")]
[JsonDerivedType(typeof(CancelMeeting), "Cancel")]
[JsonDerivedType(typeof(RescheduleMeeting), "Reschedule")]
[JsonDerivedType(typeof(BringToChair), "BringToChair")]
[JsonDerivedType(typeof(ChairSwitched), "ChairSwitched")]
[JsonDerivedType(typeof(ReportIncident), "Incident")]
public abstract record MeetingCommand
{
    /// <summary>The event the workflow waits for.</summary>
    public const string EventName = "Control";

    /// <summary>The rules the command's fields break; empty when it is valid.</summary>
    public abstract IReadOnlyList<ValidationError> Validate();

    /// <summary>A text field that must hold 1 to <paramref name="maxLength"/> characters.</summary>
    protected static IReadOnlyList<ValidationError> RequiredText(string? value, string field, int maxLength, string message) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength ? [new(field, "required", message)] : [];
}

/// <summary>Cancel the meeting, with why: the cascade torn down, the rooms freed, everyone told.</summary>
/// <param name="Reason">Why, 1–1000 characters.</param>
public sealed record CancelMeeting(string Reason) : MeetingCommand
{
    /// <inheritdoc/>
    public override IReadOnlyList<ValidationError> Validate() => RequiredText(Reason, "reason", 1000, "Nhập lý do hủy (1–1000 ký tự).");
}

/// <summary>Move the meeting (local times); refused, keeping the old times, when a room is taken or the time has passed.</summary>
/// <param name="LocalStart">The new start, Vietnam time.</param>
/// <param name="LocalEnd">The new end, Vietnam time.</param>
public sealed record RescheduleMeeting(DateTime LocalStart, DateTime LocalEnd) : MeetingCommand
{
    /// <inheritdoc/>
    public override IReadOnlyList<ValidationError> Validate() =>
        LocalEnd > LocalStart ? [] : [new("localEnd", "beforeStart", "Thời gian kết thúc phải sau thời gian bắt đầu.")];
}

/// <summary>SL II.1 step 6: put a site on the chair's screen through the relay, within 30 seconds of the request.</summary>
/// <param name="SiteId">The site.</param>
/// <param name="RequestedAtUtc">When the chair asked.</param>
public sealed record BringToChair(string SiteId, DateTime RequestedAtUtc) : MeetingCommand
{
    /// <inheritdoc/>
    public override IReadOnlyList<ValidationError> Validate() => RequiredText(SiteId, "siteId", 100, "Chọn điểm cầu.");
}

/// <summary>A chair switch the chair's page made through the relay at once: into the report, and a failure reported.</summary>
/// <param name="Switch">The switch and how long it took.</param>
public sealed record ChairSwitched(ChairSwitch Switch) : MeetingCommand
{
    /// <inheritdoc/>
    public override IReadOnlyList<ValidationError> Validate() => Switch is null ? [new("switch", "required", "Thiếu kết quả chuyển điểm cầu.")] : [];
}

/// <summary>SL II.1 step 6, TH Art. 11.2: an incident recorded in the meeting store, to report to PPC Office and DIC at once.</summary>
/// <param name="IncidentId">The incident.</param>
public sealed record ReportIncident(string IncidentId) : MeetingCommand
{
    /// <inheritdoc/>
    public override IReadOnlyList<ValidationError> Validate() => RequiredText(IncidentId, "incidentId", 100, "Thiếu mã sự cố.");
}

/// <summary>A "bring site to chair" and how long it took against the 30-second rule (SL II.1 step 6).</summary>
/// <param name="SiteId">The site.</param>
/// <param name="Milliseconds">From the chair's request to the MCU's answer; -1 when it failed.</param>
/// <param name="WithinLimit">Done within the policy's limit.</param>
/// <param name="Failure">Why the relay could not do it, when it could not.</param>
public sealed record ChairSwitch(string SiteId, double Milliseconds, bool WithinLimit, string? Failure = null);
