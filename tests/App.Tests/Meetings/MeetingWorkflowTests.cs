using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.Domain.Policy;

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
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
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
        Hntt.TaskHub.InstanceAnswer answer = await bed.Floor.BringToChairAsync("meeting-1", "th-d-nga-son"); // through the relay at once
        Assert.Contains(bed.Relay.Commands, c => c.Command == "bring-to-chair" && c.Target == "th-d-nga-son");
        MeetingOutcome outcome = await bed.RunToEndAsync();

        Assert.Equal("Completed", outcome.Status);
        Assert.Equal([Thursday8.AddHours(3.5)], bed.SentAt(NoticeKind.EvaluationRequest));
        ChairSwitch chairSwitch = Assert.Single(outcome.Report!.ChairSwitches);
        Assert.Equal(Hntt.TaskHub.InstanceAnswer.Sent, answer);
        Assert.True(chairSwitch.WithinLimit);
        Assert.Equal(new ReadinessCounts(28, 27, 27, 0, 2, 1, 1), outcome.Report.Readiness);
        Assert.Empty(outcome.Report.Late); // every obligation at its deadline
        Assert.Single(bed.Sent(NoticeKind.MeetingReport));
        LogbookEntry logbook = Assert.Single(await bed.Store.ReadLogbookAsync("th-d-nga-son", default)); // TH Art. 4.3
        Assert.Equal(VietnamTime.ToUtc(Thursday8), logbook.StartUtc);
        Assert.Single(logbook.TechniciansOnDuty);
        Assert.False(logbook.SignedByTechnician);
    }

    [Fact]
    public async Task A_four_level_Son_La_meeting_cascades_the_VNPT_and_Viettel_slaves_into_the_PPC_master_two_hours_before()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.SonLa(), Monday9);
        var request = new MeetingRequest("sl-ubnd", "Hội nghị triển khai nhiệm vụ đến cấp xã", MeetingKind.Planned, Thursday8, Thursday8.AddHours(3),
            new SiteSelection(AllDistricts: true, AllCommunesOf: ["sl-d-moc-chau", "sl-d-sop-cop"]));
        await bed.SubmitAsync(request, policy: "SonLa");

        await bed.RunUntilAsync(Thursday8.AddHours(-2).AddMinutes(-1));
        Assert.Empty(bed.Relay.Commands);
        await bed.RunUntilAsync(Thursday8.AddHours(-2));

        // SL II.1 step 5: every slave cascaded into the master by T-2 h, slaves on one site full-screen.
        Assert.Equal(["cascade sl-mcu-viettel->sl-mcu-ppc", "layout-full-screen sl-mcu-viettel", "cascade sl-mcu-vnpt->sl-mcu-ppc", "layout-full-screen sl-mcu-vnpt"],
            bed.Relay.Commands.Select(c => $"{c.Command} {c.Target}"));
        Assert.All(bed.Relay.Commands, c => Assert.Equal(Thursday8.AddHours(-2), VietnamTime.ToLocal(c.At.UtcDateTime)));
        Assert.Equal(12 + 15 + 8, (await bed.Store.ReadSitesAsync("meeting-1", default)).Count(s => s.Role == SiteRole.Satellite));
        Assert.Contains(bed.Sent(NoticeKind.Details), n => n.SiteId == "sl-c-sop-cop-08"); // communes hear too

        await bed.ReportAllAsync(ReadinessStage.SecondTest);
        MeetingOutcome outcome = await bed.RunToEndAsync();
        Assert.Equal("Completed", outcome.Status);
        Assert.Contains(bed.Relay.Commands, c => c.Command == "tear-down"); // SL II.1 step 7
    }

    [Fact]
    public async Task SL_II_1_step_4_a_room_without_a_passing_rehearsal_at_T_minus_2_hours_is_reminded_then_escalated_to_its_unit()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.SonLa(), Monday9);
        await bed.SubmitAsync(new MeetingRequest("sl-ubnd", "Hội nghị trực tuyến tỉnh Sơn La", MeetingKind.Planned, Thursday8, Thursday8.AddHours(3),
            new SiteSelection(AllDistricts: true)), policy: "SonLa");
        await bed.RunUntilAsync(Thursday8.AddHours(-3));
        await bed.ReportAllAsync(ReadinessStage.Rehearsal, "sl-d-moc-chau", "sl-d-sop-cop");
        // Sốp Cộp rehearses, but its slides do not show: not a passing rehearsal.
        await bed.Store.RecordAsync("meeting-1", "sl-d-sop-cop", ReadinessStage.Rehearsal,
            new SiteCheck(true, true, "không trình chiếu được", bed.Host.Now.UtcDateTime) { Presentation = false }, default);
        IReadOnlyList<Notice> Rehearsal(NoticeKind kind) => [.. bed.Sent(kind).Where(n => n.Action.Contains("tổng duyệt", StringComparison.Ordinal))];

        await bed.RunUntilAsync(Thursday8.AddHours(-2).AddMinutes(-1));
        Assert.Empty(Rehearsal(NoticeKind.Reminder));
        await bed.RunUntilAsync(Thursday8.AddHours(-2));
        Assert.Equal(["sl-d-moc-chau", "sl-d-sop-cop"], Rehearsal(NoticeKind.Reminder).Select(n => n.SiteId).Distinct().Order());
        Assert.Contains("trình chiếu", Rehearsal(NoticeKind.Reminder)[0].Subject, StringComparison.Ordinal); // it says what is missing
        MeetingStatus status = await bed.StatusAsync();
        Assert.Equal(10, status.Readiness!.Rehearsed);
        await bed.Store.RecordAsync("meeting-1", "sl-d-sop-cop", ReadinessStage.Rehearsal,
            new SiteCheck(true, true, "đã khắc phục", bed.Host.Now.UtcDateTime) { Presentation = true, SlaveLayout = true }, default);

        await bed.RunUntilAsync(Thursday8.AddHours(-2).AddMinutes(15));
        Notice escalation = Assert.Single(Rehearsal(NoticeKind.Escalation));
        Assert.Equal("sl-d-moc-chau", escalation.SiteId);
        Assert.Equal("UBND Huyện Mộc Châu", escalation.RecipientName);
        await bed.ReportAllAsync(ReadinessStage.SecondTest);
        MeetingOutcome outcome = await bed.RunToEndAsync();
        Assert.Equal(11, outcome.Report!.Readiness!.Rehearsed);
        Assert.Empty(outcome.Report.Late);
    }

    [Fact]
    public async Task An_emergency_meeting_notifies_at_once_by_phone_and_mail_and_is_ready_thirty_minutes_before()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        var storm = new MeetingRequest("th-ubnd", "Ứng phó khẩn cấp bão số 5", MeetingKind.Emergency, Monday9.AddHours(2), Monday9.AddHours(3), new SiteSelection(AllDistricts: true));
        await bed.SubmitAsync(storm);

        await bed.RunUntilAsync(Monday9);

        // TH Art. 7.4, SL II.2 step 1: DIC, telecom and power company at once, with the phone numbers for the call list.
        List<Notice> emergency = [.. bed.Sent(NoticeKind.EmergencyNotice)];
        Assert.Equal([Monday9], bed.SentAt(NoticeKind.EmergencyNotice));
        Assert.Contains(emergency, n => n.RecipientName.StartsWith("Sở Thông tin", StringComparison.Ordinal));
        Assert.Contains(emergency, n => n.RecipientName.Contains("VNPT", StringComparison.Ordinal));
        Assert.Contains(emergency, n => n.RecipientName.Contains("Điện lực", StringComparison.Ordinal));
        Assert.All(emergency, n => Assert.False(string.IsNullOrEmpty(n.Phone)));
        Assert.Contains(emergency, n => n.Fax is not null); // phone, fax and official e-mail
        Assert.Equal([Monday9], bed.SentAt(NoticeKind.Details));
        Assert.Equal([Monday9], bed.SentAt(NoticeKind.TestCallRequest)); // SL II.2 step 3
        Assert.Empty(bed.Sent(NoticeKind.DicNotice)); // the planned lead times do not apply

        await bed.ReportAllAsync(ReadinessStage.SecondTest, "th-d-quan-hoa");
        await bed.RunUntilAsync(Monday9.AddHours(1.5));
        Assert.Equal([Monday9.AddHours(1.5)], bed.SentAt(NoticeKind.SitesAtRisk)); // SL II.2 step 3: ready 30 minutes before
        Assert.Contains("Quan Hóa", bed.Sent(NoticeKind.SitesAtRisk)[0].Action, StringComparison.Ordinal);
        Assert.Equal("Completed", (await bed.RunToEndAsync()).Status);
    }

    [Fact]
    public async Task An_emergency_submitted_twenty_minutes_before_keeps_its_missed_ready_deadline_on_record_SL_II_2_step_3()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        var storm = new MeetingRequest("th-ubnd", "Ứng phó khẩn cấp lũ quét", MeetingKind.Emergency, Monday9.AddMinutes(20), Monday9.AddMinutes(80), new SiteSelection(AllDistricts: true));
        await bed.SubmitAsync(storm);

        await bed.RunUntilAsync(Monday9.AddMinutes(10)); // the ready check ran at once, ten minutes past "ready 30 minutes before"

        LateObligation missed = Assert.Single((await bed.StatusAsync()).Late, l => l.Kind == ObligationKind.ReadyCheck);
        Assert.Equal(TimeSpan.FromMinutes(10), missed.LateBy);
        Assert.DoesNotContain((await bed.StatusAsync()).Late, l => l.Kind == ObligationKind.EmergencyNotices); // "at once" was met
        MeetingOutcome outcome = await bed.RunToEndAsync();
        Assert.Contains(outcome.Report!.Late, l => l.Kind == ObligationKind.ReadyCheck && l.LateBy == TimeSpan.FromMinutes(10));
        Assert.Contains("Kiểm tra sẵn sàng trước 30 phút trễ 10 phút", bed.Sent(NoticeKind.MeetingReport)[0].Action, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, false)] // before any test call
    [InlineData(69.5, true)] // after the cascade (T-1.5 h): it is torn down
    public async Task Cancel_stops_the_timeline_tells_everyone_and_frees_the_rooms(double hoursLater, bool cascaded)
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.SonLa(), Monday9);
        await bed.SubmitAsync(SonLaSoKet, policy: "SonLa");
        await bed.RunUntilAsync(Monday9.AddHours(hoursLater));
        int testRequestsBefore = bed.Sent(NoticeKind.TestCallRequest).Count;

        await bed.SendAsync(new CancelMeeting("Thay đổi kế hoạch công tác"));
        MeetingOutcome outcome = await bed.RunToEndAsync();

        Assert.Equal("Cancelled", outcome.Status);
        Assert.True(outcome.Report!.Cancelled);
        Assert.Equal(2 + 12, bed.Sent(NoticeKind.Cancellation).Count(n => n.SiteId is not null)); // the chair room's two technicians, one on duty per district
        // Whoever had the invitation gets its cancellation: DIC, the telecom and the power company (TH Art. 7.2–7.3).
        Assert.Contains(bed.Sent(NoticeKind.Cancellation), n => n.SiteId is null && n.RecipientName.StartsWith("Sở Thông tin", StringComparison.Ordinal));
        Assert.Contains(bed.Sent(NoticeKind.Cancellation), n => n.SiteId is null && n.RecipientName.Contains("Điện lực", StringComparison.Ordinal));
        Assert.StartsWith("Hội nghị đã hủy: Thay đổi kế hoạch công tác.", Assert.Single(bed.Sent(NoticeKind.MeetingReport)).Action, StringComparison.Ordinal);
        Assert.Equal(cascaded, bed.Relay.Commands.Any(c => c.Command == "tear-down"));
        Assert.Equal(testRequestsBefore, bed.Sent(NoticeKind.TestCallRequest).Count); // nothing after the cancel
        Assert.Empty(await bed.Store.ReadBookingsAsync(DateTime.MinValue, DateTime.MaxValue, default));
        Assert.Equal(MeetingPhase.Cancelled, (await bed.StatusAsync()).Phase);
    }

    [Fact]
    public async Task Reschedule_replans_every_remaining_deadline_and_tells_everyone()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        await bed.SubmitAsync(ThanhHoaGiaoBan(Thursday8));
        await bed.RunUntilAsync(Thursday8.AddDays(-1).AddHours(1)); // the first test call went out
        DateTime friday14 = Thursday8.AddDays(1).AddHours(6);

        await bed.SendAsync(new RescheduleMeeting(friday14, friday14.AddHours(2)));
        await bed.RunUntilAsync(bed.LocalNow);
        DateTime movedAt = bed.LocalNow;
        MeetingStatus status = await bed.StatusAsync();
        await bed.RunUntilAsync(friday14.AddHours(-1));

        Assert.Equal([movedAt], bed.SentAt(NoticeKind.Reschedule));
        Assert.Contains(bed.Sent(NoticeKind.Reschedule), n => n.RecipientName.Contains("Điện lực", StringComparison.Ordinal));
        Assert.Equal([Monday9], bed.SentAt(NoticeKind.Details)); // not sent again: the reschedule notice replaces it
        Assert.Equal([Thursday8.AddDays(-1), friday14.AddDays(-1), friday14.AddHours(-1)], bed.SentAt(NoticeKind.TestCallRequest));
        Assert.Equal(ObligationKind.ConnectionPlan, status.Next); // SL II.1 step 3: planned again before the new test calls
        Assert.Equal(friday14.AddHours(-25), status.NextAtLocal);
        Assert.Equal("Completed", (await bed.RunToEndAsync()).Status);
        Assert.Equal([friday14.AddHours(2)], bed.SentAt(NoticeKind.EvaluationRequest));
    }

    [Fact]
    public async Task A_meeting_planned_under_older_rules_finishes_under_them_after_the_rules_change()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        await bed.SubmitAsync(ThanhHoaGiaoBan(Thursday8));
        await bed.RunUntilAsync(Monday9.AddMinutes(1)); // planned under the shipped rules

        // A new build changes an interval: the first-test reminder 1 hour after the request instead of 4.
        bed.Rules = new PolicyCatalog([MeetingPolicy.ThanhHoa with { Version = "19/2018/QĐ-UBND r2", FirstTestReminderAfter = TimeSpan.FromHours(1) }]);
        DateTime friday8 = Thursday8.AddDays(1);
        await bed.SubmitAsync(ThanhHoaGiaoBan(friday8), id: "meeting-2");
        await bed.RunUntilAsync(friday8.AddDays(-1).AddHours(2)); // both first-test ladders have reminded the silent rooms
        // The first-test reminders: those sent before each meeting's second test call an hour before it.
        IEnumerable<DateTime> RemindedAt(string id, DateTime start) => bed.Notices.Sent.Where(n => n.Notice.Kind == NoticeKind.Reminder && n.Notice.MeetingId == id)
            .Select(n => VietnamTime.ToLocal(n.SentAt.UtcDateTime)).Where(t => t < start.AddHours(-1)).Distinct();

        Assert.Equal([Thursday8.AddDays(-1).AddHours(4)], RemindedAt("meeting-1", Thursday8)); // the rules it was planned under
        Assert.Equal([friday8.AddDays(-1).AddHours(1)], RemindedAt("meeting-2", friday8)); // the new rules
        Assert.Equal("19/2018/QĐ-UBND r1", (await bed.RunToEndAsync("meeting-1")).Report!.RulesVersion);
        Assert.Equal("19/2018/QĐ-UBND r2", (await bed.RunToEndAsync("meeting-2")).Report!.RulesVersion);
        MeetingSchedule planned = (await bed.Directory.ReadAsync("meeting-1", default))!.Schedule!; // what the meeting's page shows
        Assert.Equal(VietnamTime.ToUtc(Thursday8.AddDays(-1).AddHours(4)), planned.Obligations.Single(o => o.Kind == ObligationKind.FirstTestReminder).RunAt);
    }

    [Theory]
    [InlineData(6, true)] // the same day: yesterday's test still shows the room as it will be
    [InlineData(24 * 7, false)] // a week later: a week-old test shows nothing
    public async Task A_reschedule_keeps_the_test_results_that_still_hold_and_asks_only_the_other_rooms_TH_Art_11_1(int hoursLater, bool kept)
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        await bed.SubmitAsync(ThanhHoaGiaoBan(Thursday8));
        await bed.RunUntilAsync(Thursday8.AddDays(-1).AddHours(1)); // the first test call went out
        await bed.ReportAllAsync(ReadinessStage.FirstTest, "th-d-nga-son");
        int satellites = (await bed.Store.ReadSitesAsync("meeting-1", default)).Count(s => s.Role == SiteRole.Satellite);
        DateTime moved = Thursday8.AddHours(hoursLater);

        await bed.SendAsync(new RescheduleMeeting(moved, moved.AddHours(2)));
        await bed.RunUntilAsync(moved.AddDays(-1).AddMinutes(1)); // the new first test call went out

        IReadOnlyList<MeetingSite> sites = await bed.Store.ReadSitesAsync("meeting-1", default);
        List<string> asked = [.. bed.Notices.Sent.Where(n => n.Notice.Kind == NoticeKind.TestCallRequest && VietnamTime.ToLocal(n.SentAt.UtcDateTime) == moved.AddDays(-1))
            .Select(n => n.Notice.SiteId!).Distinct()];
        string said = Assert.Single(bed.Sent(NoticeKind.Reschedule).Select(n => n.Action).Distinct());
        if (kept)
        {
            Assert.Equal(["th-d-nga-son"], asked);
            Assert.Equal(satellites - 1, sites.Count(s => s.FirstTest is { Passed: true }));
            Assert.Contains($"Thử kết nối trước 1 ngày: giữ kết quả của {satellites - 1} điểm cầu, 1 điểm cầu thực hiện theo lịch mới", said, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(satellites, asked.Count);
            Assert.All(sites, s => Assert.Null(s.FirstTest));
            Assert.Contains($"giữ kết quả của 0 điểm cầu, {satellites} điểm cầu thực hiện theo lịch mới", said, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_reschedule_into_a_booked_room_is_refused_and_the_meeting_keeps_its_time()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        await bed.SubmitAsync(ThanhHoaGiaoBan(Thursday8));
        await bed.SubmitAsync(new MeetingRequest("th-syt", "Tập huấn y tế", MeetingKind.Planned, Thursday8.AddDays(1), Thursday8.AddDays(1).AddHours(2),
            new SiteSelection(SiteIds: ["th-d-nga-son"])), id: "meeting-2");
        await bed.RunUntilAsync(Monday9.AddHours(1));

        await bed.SendAsync(new RescheduleMeeting(Thursday8.AddDays(1), Thursday8.AddDays(1).AddHours(1)));
        await bed.RunUntilAsync(Monday9.AddHours(2));

        Assert.Empty(bed.Sent(NoticeKind.Reschedule));
        Assert.Equal(Thursday8.AddHours(-25), (await bed.StatusAsync()).NextAtLocal); // still the original connection-plan deadline
    }

    [Fact]
    public async Task A_request_that_breaks_the_rules_is_rejected_with_every_reason()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        await bed.SubmitAsync(ThanhHoaGiaoBan(Monday9.AddHours(-1)) with { Sites = new SiteSelection(SiteIds: ["th-d-atlantis"]) });

        MeetingOutcome outcome = await bed.RunToEndAsync();

        Assert.Equal("Rejected", outcome.Status);
        Assert.Equal(["localStart", "sites.siteIds"], outcome.Errors!.Select(e => e.Field));
        Assert.Empty(bed.Notices.Sent);
    }

    [Fact]
    public async Task TH_Art_8_3_a_technician_replaced_mid_way_gets_the_next_notices()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        await bed.SubmitAsync(ThanhHoaGiaoBan(Thursday8));
        await bed.RunUntilAsync(Monday9.AddHours(1));
        Domain.Registry.Technician old = (await bed.Registry.ReadAsync(default)).Technicians.Single(t => t.Id == "th-d-nga-son-t2");

        await bed.Registry.UpsertTechnicianAsync(old with { Active = false }, default);
        await bed.Registry.UpsertTechnicianAsync(old with { Id = "th-d-nga-son-t3", Name = "Mai Văn Tân", Email = "tan.mv@thanhhoa.example.gov.vn" }, default);
        await bed.RunUntilAsync(Thursday8.AddDays(-1));

        Assert.Contains(bed.Sent(NoticeKind.Details), n => n.SiteId == "th-d-nga-son" && n.Email == old.Email);
        Notice request = Assert.Single(bed.Sent(NoticeKind.TestCallRequest), n => n.SiteId == "th-d-nga-son");
        Assert.Equal("tan.mv@thanhhoa.example.gov.vn", request.Email);
    }

    [Fact]
    public async Task During_the_meeting_speaking_requests_queue_for_the_chair_and_incidents_reach_PPC_Office_and_DIC_at_once()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.ThanhHoa(), Monday9);
        await bed.SubmitAsync(ThanhHoaGiaoBan(Thursday8));
        await bed.RunUntilAsync(Thursday8.AddMinutes(20));

        // TH Art. 10.3: requests reach the chair-site technician in the order they came.
        await bed.Floor.RequestToSpeakAsync("meeting-1", "th-d-nga-son", "Báo cáo tình hình lũ");
        bed.Host.Advance(TimeSpan.FromMinutes(1));
        await bed.Floor.RequestToSpeakAsync("meeting-1", "th-d-hoang-hoa", null);
        await bed.Floor.GrantFloorAsync("meeting-1", "th-d-nga-son");
        IReadOnlyList<SpeakingRequest> queue = await bed.Floor.QueueAsync("meeting-1");

        // SL II.1 step 6, TH Art. 11.2: an incident is reported to PPC Office and DIC at once and tracked to resolution.
        var (answer, incident) = await bed.Floor.ReportIncidentAsync("meeting-1", "th-d-quan-hoa", IncidentKind.DroppedCall, "Mất kết nối đường truyền");
        await bed.RunUntilAsync(bed.LocalNow);
        DateTime reportedAt = bed.LocalNow;
        await bed.Floor.ResolveIncidentAsync("meeting-1", incident!, "Kết nối lại qua đường dự phòng");
        MeetingOutcome outcome = await bed.RunToEndAsync();

        Assert.Equal(["th-d-hoang-hoa", "th-d-nga-son"], queue.Select(r => r.SiteId));
        Assert.Equal(Hntt.TaskHub.InstanceAnswer.Sent, answer);
        Assert.Equal([reportedAt], bed.SentAt(NoticeKind.IncidentReport));
        Assert.Equal(["Sở Thông tin và Truyền thông Thanh Hóa", "UBND tỉnh Thanh Hóa"], bed.Sent(NoticeKind.IncidentReport).Select(n => n.RecipientName).Order());
        Assert.Equal((1, 1, 2), (outcome.Report!.Incidents, outcome.Report.IncidentsResolved, outcome.Report.SpeakingRequests));
    }

    static MeetingRequest SonLaSoKet => new("sl-ubnd", "Hội nghị sơ kết", MeetingKind.Planned, Thursday8, Thursday8.AddHours(2), new SiteSelection(AllDistricts: true));

    [Fact]
    public async Task A_cascade_the_relay_could_not_take_is_retried_until_it_goes_through_and_everyone_told_hears_it_is_done()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.SonLa(), Monday9);
        await bed.SubmitAsync(SonLaSoKet, policy: "SonLa");
        await bed.RunUntilAsync(Thursday8.AddHours(-3));
        bed.Relay.Down = true;
        await bed.RunUntilAsync(Thursday8.AddHours(-1.5)); // SL II.1 step 5: the cascade at T-2 h failed every retry

        Assert.Equal(["Ops", "Sở Thông tin và Truyền thông Sơn La"], bed.Sent(NoticeKind.RelayFailure).Where(n => n.SiteId is null).Select(n => n.RecipientName).Order());
        Assert.Contains(bed.Sent(NoticeKind.RelayFailure), n => n.SiteId == "sl-p-ubnd");
        Assert.Equal("2", (await bed.Host.Client.GetOrchestrationHistoryAsync("meeting-1")).OfType<DurableTask.Core.History.ExecutionStartedEvent>().Single().Version); // host.json's
        Assert.Equal("Cascade", (await bed.StatusAsync()).RelayPending);

        bed.Relay.Down = false; // the relay comes back during the preparations
        await bed.RunUntilAsync(Thursday8.AddHours(-1.5).AddMinutes(6));

        Assert.Contains(bed.Relay.Commands, c => c.Command == "cascade");
        IReadOnlyList<Notice> done = bed.Sent(NoticeKind.RelayRecovered);
        Assert.Equal(bed.Sent(NoticeKind.RelayFailure).Select(n => n.RecipientName).Order(), done.Select(n => n.RecipientName).Order()); // the same people, told again
        Assert.StartsWith("Cascade đã thực hiện được", done[0].Action, StringComparison.Ordinal);
        Assert.Null((await bed.StatusAsync()).RelayPending);
        Assert.Equal("Completed", (await bed.RunToEndAsync()).Status);
        Assert.Contains(bed.Relay.Commands, c => c.Command == "tear-down"); // cascaded after all: torn down at the end
    }

    [Fact]
    public async Task A_meeting_started_as_version_1_replays_as_it_ran_and_does_not_retry_the_cascade()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.SonLa(), Monday9);
        await bed.SubmitAsync(SonLaSoKet, policy: "SonLa", version: "1");
        await bed.RunUntilAsync(Thursday8.AddHours(-3));
        bed.Relay.Down = true;
        await bed.RunUntilAsync(Thursday8.AddHours(-1.5));
        bed.Relay.Down = false;

        Assert.Equal("Completed", (await bed.RunToEndAsync()).Status);
        Assert.DoesNotContain(bed.Relay.Commands, c => c.Command == "cascade");
        Assert.Empty(bed.Sent(NoticeKind.RelayRecovered));
    }

    [Fact]
    public async Task An_unreachable_relay_is_reported_to_DIC_and_the_chair_room_and_the_meeting_goes_on()
    {
        await using var bed = new MeetingTestBed(RegistrySeeds.SonLa(), Monday9);
        await bed.SubmitAsync(SonLaSoKet, policy: "SonLa");
        await bed.RunUntilAsync(Thursday8.AddHours(-3));
        bed.Relay.Down = true;

        await bed.RunUntilAsync(Thursday8.AddMinutes(5));
        await bed.Floor.BringToChairAsync("meeting-1", "sl-d-phu-yen"); // the chair's page: straight to the relay, which is down
        await bed.SendAsync(new BringToChair("sl-d-bac-yen", bed.Host.Now.UtcDateTime)); // the workflow's own path
        MeetingOutcome outcome = await bed.RunToEndAsync();

        Assert.Equal("Completed", outcome.Status);
        Assert.Contains(bed.Sent(NoticeKind.RelayFailure), n => n.Action.StartsWith("Cascade", StringComparison.Ordinal) && n.RecipientName.StartsWith("Sở Thông tin", StringComparison.Ordinal));
        Assert.Contains(bed.Sent(NoticeKind.RelayFailure), n => n.SiteId == "sl-p-ubnd" && n.Action.StartsWith("Bring sl-d-phu-yen", StringComparison.Ordinal));
        Assert.Contains(bed.Sent(NoticeKind.RelayFailure), n => n.SiteId == "sl-p-ubnd" && n.Action.StartsWith("Bring sl-d-bac-yen", StringComparison.Ordinal));
        Assert.Equal([("sl-d-phu-yen", false), ("sl-d-bac-yen", false)], outcome.Report!.ChairSwitches.Select(c => (c.SiteId, c.WithinLimit)));
        Assert.DoesNotContain(bed.Relay.Commands, c => c.Command == "tear-down"); // never cascaded, nothing to tear down
    }
}
