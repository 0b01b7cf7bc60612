using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;

namespace Hntt.App.Tests.Meetings;

/// <summary>Whole meetings on virtual time: each obligation at its deadline, with its article.</summary>
public sealed class MeetingWorkflowTests
{
    static readonly DateTime Monday9 = new(2026, 11, 23, 9, 0, 0); // local time
    static readonly DateTime Thursday8 = new(2026, 11, 26, 8, 0, 0);

    static MeetingRequest ThanhHoaGiaoBan(DateTime localStart) => new("th-ubnd", "Hội nghị giao ban trực tuyến UBND tỉnh", MeetingKind.Planned,
        localStart, localStart.AddHours(3.5), new SiteSelection(AllDistricts: true), ScriptUrl: "https://example.gov.vn/kich-ban.pdf");

    [Fact]
    public async Task A_planned_Thanh_Hoa_meeting_walks_every_obligation_at_its_deadline()
    {
        var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        await bed.SubmitAsync(ThanhHoaGiaoBan(Thursday8));

        // SL II.1 step 2 (details within 15 minutes), TH Art. 7.2 (DIC ≥ 2 days), TH Art. 7.3 (telecom and power ≥ 1 day): all at once.
        await bed.RunUntilAsync(Monday9.AddMinutes(1));
        Assert.Equal([Monday9], bed.SentAt(NoticeKind.Details));
        Assert.Equal(28, bed.Sent(NoticeKind.Details).Count(n => n.SiteId != "th-p-ubnd")); // TH Art. 8.2: one technician per district
        Assert.All(bed.Sent(NoticeKind.Details).Where(n => n.SiteId!.StartsWith("th-d-", StringComparison.Ordinal)),
            n => Assert.StartsWith("kt2.", n.Email, StringComparison.Ordinal)); // People's Committee host → the People's Committee technician
        Assert.Equal([Monday9], bed.SentAt(NoticeKind.DicNotice));
        Assert.Equal([Monday9], bed.SentAt(NoticeKind.TelecomAndPowerNotice));
        Assert.Contains(bed.Sent(NoticeKind.TelecomAndPowerNotice), n => n.RecipientName.Contains("Điện lực", StringComparison.Ordinal));
        Assert.Empty(bed.SentAt(NoticeKind.TestCallRequest));

        // TH Art. 11.1: the first test call one day before; two sites stay silent, one answers after the reminder.
        await bed.RunUntilAsync(Thursday8.AddDays(-1));
        Assert.Equal([Thursday8.AddDays(-1)], bed.SentAt(NoticeKind.TestCallRequest));
        await bed.ReportAllAsync(ReadinessStage.FirstTest, "th-d-muong-lat", "th-d-quan-son");
        await bed.RunUntilAsync(Thursday8.AddDays(-1).AddHours(4));
        Assert.Equal(["th-d-muong-lat", "th-d-quan-son"], bed.Sent(NoticeKind.Reminder).Select(n => n.SiteId).Order());
        Assert.Equal([Thursday8.AddDays(-1).AddHours(4)], bed.SentAt(NoticeKind.Reminder));
        await bed.Store.RecordAsync("meeting-1", "th-d-quan-son", ReadinessStage.FirstTest, new SiteCheck(true, true, null, bed.Host.Now.UtcDateTime), default);
        await bed.RunUntilAsync(Thursday8.AddDays(-1).AddHours(8));
        Notice escalation = Assert.Single(bed.Sent(NoticeKind.Escalation));
        Assert.Equal("th-d-muong-lat", escalation.SiteId);
        Assert.Equal("UBND Huyện Mường Lát", escalation.RecipientName);

        // SL II.1 steps 4–5: the cascade at T-2 h; TH Art. 11.1: second test call at T-1 h; SL II.1 step 5: at-risk list at T-30 min.
        await bed.RunUntilAsync(Thursday8.AddHours(-2));
        Assert.Empty(bed.Relay.Commands); // one MCU (DIC's master) carries every site: nothing to cascade
        await bed.RunUntilAsync(Thursday8.AddHours(-1));
        Assert.Equal([Thursday8.AddDays(-1), Thursday8.AddHours(-1)], bed.SentAt(NoticeKind.TestCallRequest));
        await bed.ReportAllAsync(ReadinessStage.SecondTest, "th-d-muong-lat");
        await bed.RunUntilAsync(Thursday8.AddMinutes(-30));
        Notice atRisk = bed.Sent(NoticeKind.SitesAtRisk)[0];
        Assert.Contains("Mường Lát", atRisk.Action, StringComparison.Ordinal);
        Assert.Equal([Thursday8.AddMinutes(-30)], bed.SentAt(NoticeKind.SitesAtRisk));
        MeetingStatus status = await bed.StatusAsync();
        Assert.Equal(ObligationKind.Start, status.Next);
        Assert.Equal(1, status.Readiness!.AtRisk);

        // SL II.1 step 6: the chair asks for a site; SL II.1 step 7: evaluation and report at the end.
        await bed.RunUntilAsync(Thursday8.AddMinutes(10));
        await bed.ControlAsync(new MeetingControl("BringToChair", SiteId: "th-d-nga-son", RequestedAtUtc: bed.Host.Now.UtcDateTime));
        MeetingOutcome outcome = await bed.RunToEndAsync();

        Assert.Equal("Completed", outcome.Status);
        Assert.Equal([Thursday8.AddHours(3.5)], bed.SentAt(NoticeKind.EvaluationRequest));
        ChairSwitch chairSwitch = Assert.Single(outcome.Report!.ChairSwitches);
        Assert.True(chairSwitch.WithinLimit);
        Assert.Contains(bed.Relay.Commands, c => c.Command == "bring-to-chair" && c.Target == "th-d-nga-son");
        Assert.Equal(new ReadinessCounts(28, 27, 27, 0, 2, 1, 1), outcome.Report.Readiness);
        Assert.Single(bed.Sent(NoticeKind.MeetingReport));
    }
}
