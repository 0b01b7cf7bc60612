using Hntt.App.Meetings.Activities;
using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.Domain.Inspections;
using Hntt.Domain.Meetings;
using Microsoft.DurableTask;

namespace Hntt.App.Inspections;

/// <summary>An open finding to follow up: its id and the fix's deadline.</summary>
public sealed record FindingWatch(string FindingId, DateTime DueUtc);

/// <summary>One follow-up of a finding, at <paramref name="AtUtc"/>.</summary>
public sealed record FindingNudge(string FindingId, bool Overdue, DateTime AtUtc);

/// <summary>
/// TH Art. 6.4: a finding is followed up until it is closed — its unit reminded three days and one day before the
/// deadline, then told with DIC at the deadline and every week after — and stops the moment it is closed. One
/// instance per finding (<c>finding-{id}</c>); a year of weekly follow-ups starts afresh to keep the history short.
/// </summary>
internal sealed class FindingFollowUpOrchestration : TaskOrchestrator<FindingWatch, string>
{
    /// <summary>The event that closes the follow-up.</summary>
    public const string ClosedEvent = "FindingClosed";

    /// <summary>The instance that follows up a finding.</summary>
    public static string InstanceId(string findingId) => $"finding-{findingId}";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, FindingWatch input)
    {
        // One waiter for the whole run: a waiter per round would leave earlier ones to take the event.
        Task<string> closed = context.WaitForExternalEvent<string>(ClosedEvent);
        for (int round = 0; round < 52; round++)
        {
            var (at, overdue) = FindingFollowUp.Next(input.DueUtc, context.CurrentUtcDateTime);
            using var cancelTimer = new CancellationTokenSource();
            Task timer = context.CreateTimer(at, cancelTimer.Token);
            if (await Task.WhenAny(timer, closed) == closed)
            {
                cancelTimer.Cancel();
                return "Closed";
            }

            if (!await context.CallActivityAsync<bool>(nameof(NudgeFindingActivity), new FindingNudge(input.FindingId, overdue, context.CurrentUtcDateTime),
                TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMinutes(1), backoffCoefficient: 2))))
            {
                return "Closed"; // closed without the event reaching us: the store is the source of truth
            }
        }

        context.ContinueAsNew(input);
        return "Continued";
    }
}

/// <summary>Reminds the finding's unit (and, when overdue, DIC); false when the finding is already closed.</summary>
internal sealed class NudgeFindingActivity(IInspectionStore store, IRegistry registry, INoticeSender sender) : TaskActivity<FindingNudge, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, FindingNudge input)
    {
        if (await store.ReadFindingAsync(input.FindingId, CancellationToken.None) is not { Open: true } finding)
        {
            return false;
        }

        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        string site = view.Site(finding.SiteId)?.Name ?? finding.SiteId;
        string due = VietnamTime.ToLocal(finding.DueUtc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        NoticeKind kind = input.Overdue ? NoticeKind.FindingOverdue : NoticeKind.FindingReminder;
        string subject = input.Overdue
            ? $"[HNTT] QUÁ HẠN khắc phục sau kiểm tra: {site} (hạn {due})"
            : $"[HNTT] Nhắc khắc phục sau kiểm tra: {site} (hạn {due})";
        var recipients = view.Unit(finding.AssignedUnitId) is { } unit ? [unit] : new List<Domain.Registry.Unit>();
        if (input.Overdue)
        {
            recipients.AddRange(view.Dic);
        }

        await sender.SendAsync([.. recipients.Select(u => new Notice($"finding-{finding.Id}-{input.AtUtc:yyyyMMddHHmm}", kind, u.Name, u.Email, u.Phone, finding.SiteId,
            subject, "Khắc phục và báo Sở TT&TT để đóng phát hiện (TH Điều 6.4)")
        {
            Lines = [$"- {FindingTexts.Area(finding.Area)} · {FindingTexts.Severity(finding.Severity)}: {finding.Description}"],
            LinkPath = "/inspections",
        })], CancellationToken.None);
        return true;
    }
}

/// <summary>Findings in words, in Vietnamese.</summary>
public static class FindingTexts
{
    /// <summary>The area.</summary>
    public static string Area(FindingArea area) => area switch
    {
        FindingArea.Equipment => "Thiết bị",
        FindingArea.Logbook => "Sổ nhật ký (TH Điều 4.3)",
        FindingArea.Technicians => "Cán bộ kỹ thuật (TH Điều 8.2–8.3)",
        _ => "Khác",
    };

    /// <summary>The severity.</summary>
    public static string Severity(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => "Nghiêm trọng",
        FindingSeverity.Major => "Lớn",
        _ => "Nhỏ",
    };
}
