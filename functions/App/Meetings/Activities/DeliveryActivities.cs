using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Hntt.App.Meetings.Activities;

/// <summary>Sends a meeting's queued notices again; returns how many are still undelivered.</summary>
internal sealed class RedeliverNoticesActivity(INoticeSender sender) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string meetingId) => sender.RedeliverAsync(meetingId, CancellationToken.None);
}

/// <summary>Notices that failed every retry.</summary>
public sealed record DeliveryFailure(string MeetingId, MeetingSummary Meeting, string Reason);

/// <summary>
/// Notices failed after every retry: ops are told, with the reason. The warning is logged at once and the e-mail to
/// ops is queued in the meeting's outbox like any notice, so it arrives as soon as the mail server does.
/// </summary>
internal sealed partial class EscalateDeliveryFailureActivity(INoticeSender sender, IOptions<SmtpOptions> smtp, ILogger<EscalateDeliveryFailureActivity> logger)
    : TaskActivity<DeliveryFailure, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DeliveryFailure input)
    {
        Escalated(logger, input.MeetingId, input.Reason);
        var notice = new Notice(input.MeetingId, NoticeKind.DeliveryFailure, "Ops", smtp.Value.OpsAddress, null, null,
            $"[HNTT] Không gửi được thông báo — {input.Meeting.Title}", input.Reason) { Meeting = input.Meeting };
        try
        {
            await sender.SendAsync([notice], CancellationToken.None);
            return true;
        }
        catch (NoticeDeliveryException)
        {
            return false;
        }
    }

    [LoggerMessage(2000, LogLevel.Error, "Meeting {MeetingId}: notices undelivered after every retry: {Reason}")]
    static partial void Escalated(ILogger logger, string meetingId, string reason);
}
