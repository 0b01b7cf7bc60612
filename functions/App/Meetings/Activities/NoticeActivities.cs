using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.Domain.Registry;
using Microsoft.DurableTask;
using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings.Activities;

/// <summary>One batch of a fan-out to the sites' technicians: batch <c>Batch</c> of <c>Batches</c>, by site id.</summary>
public sealed record SiteNoticeBatch(string MeetingId, MeetingSummary Meeting, NoticeKind Kind, int Batch, int Batches, string? Detail = null)
{
    /// <summary>A test call request skips the rooms that already confirmed this stage (a result kept over a reschedule).</summary>
    public ReadinessStage? SkipConfirmed { get; init; }
}

/// <summary>Sends one batch of notices to the on-duty technicians of the meeting's sites (TH Art. 8.2), read as of now.</summary>
internal sealed class SendSiteNoticesActivity(IRegistry registry, IMeetingStore store, INoticeSender sender) : TaskActivity<SiteNoticeBatch, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, SiteNoticeBatch input)
    {
        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        IReadOnlyList<MeetingSite> sites = await store.ReadSitesAsync(input.MeetingId, CancellationToken.None);
        var (subject, action) = NoticeTexts.For(input.Kind, input.Meeting, input.Detail);
        List<Notice> notices = sites.Where((_, index) => index % input.Batches == input.Batch)
            .Where(s => input.Kind != NoticeKind.TestCallRequest || s.Role == SiteRole.Satellite)
            .Where(s => input.SkipConfirmed is not { } stage || !s.Confirmed(stage))
            .SelectMany(s => view.OnDuty(s.SiteId, input.Meeting.HostUnitId)
                .Select(t => new Notice(input.MeetingId, input.Kind, t.Name, t.Email, t.Phone, s.SiteId, subject, action) { Meeting = input.Meeting }))
            .ToList();
        await sender.SendAsync(notices, CancellationToken.None);
        return notices.Count;
    }
}

/// <summary>A notice to the authorities: DIC, the telecoms and the power company.</summary>
public sealed record AuthorityNotice(string MeetingId, MeetingSummary Meeting, NoticeKind Kind, string? Detail = null);

/// <summary>Notifies DIC (TH Art. 7.2), the telecoms and the power company (TH Art. 7.3); in an emergency all of them, with phone and fax (TH Art. 7.4).</summary>
internal sealed class NotifyAuthoritiesActivity(IRegistry registry, INoticeSender sender) : TaskActivity<AuthorityNotice, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, AuthorityNotice input)
    {
        var view = new RegistryView(await registry.ReadAsync(CancellationToken.None));
        List<Notice> recipients = Recipients(view, input);
        List<Notice> notices = input.Kind == NoticeKind.EmergencyNotice ? OneEmailPerMailbox(recipients) : recipients;
        await sender.SendAsync(notices, CancellationToken.None);
        return notices.Count;
    }

    /// <summary>
    /// Who hears of the meeting outside its rooms: DIC of its plan, moves and cancellation (TH Art. 7.2), the telecom
    /// and the power company of what they must assure and of its moves and cancellation (TH Art. 7.3) — whoever got an
    /// invitation also gets its cancellation.
    /// </summary>
    internal static List<Notice> Recipients(RegistryView view, AuthorityNotice input)
    {
        var (subject, action) = NoticeTexts.For(input.Kind, input.Meeting, input.Detail);
        bool dic = input.Kind is NoticeKind.DicNotice or NoticeKind.EmergencyNotice or NoticeKind.Reschedule or NoticeKind.Cancellation or NoticeKind.MeetingReport;
        bool lines = input.Kind is NoticeKind.TelecomAndPowerNotice or NoticeKind.EmergencyNotice or NoticeKind.Reschedule or NoticeKind.Cancellation;
        var recipients = new List<Notice>();
        if (dic)
        {
            recipients.AddRange(view.Dic.Select(u => new Notice(input.MeetingId, input.Kind, u.Name, u.Email, u.Phone, null, subject, action) { Fax = u.Fax, Meeting = input.Meeting }));
        }

        if (lines)
        {
            recipients.AddRange(view.UnitsOfKind(UnitKind.Telecom).Concat(view.UnitsOfKind(UnitKind.PowerCompany))
                .Select(u => new Notice(input.MeetingId, input.Kind, u.Name, u.Email, u.Phone, null, subject, action) { Fax = u.Fax, Meeting = input.Meeting }));
            recipients.AddRange(view.ContactsOf(UnitKind.Telecom).Concat(view.ContactsOf(UnitKind.PowerCompany))
                .Select(c => new Notice(input.MeetingId, input.Kind, c.Name, c.Email, c.Phone, null, subject, action) { Meeting = input.Meeting }));
        }

        return recipients;
    }

    /// <summary>
    /// TH Art. 7.4: every number goes on the call list, but a mailbox that a unit shares with its 24/7 duty desk gets
    /// the e-mail once. The others sharing it are kept without an address: phoned and faxed, not mailed again.
    /// </summary>
    static List<Notice> OneEmailPerMailbox(IEnumerable<Notice> notices)
    {
        var mailboxes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. notices.Select(n => n.Email is null || mailboxes.Add(n.Email) ? n : n with { Email = null })];
    }
}
