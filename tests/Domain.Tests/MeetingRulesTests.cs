using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.Domain.Policy;
using Hntt.Domain.Registry;
using Hntt.Domain.Rules;

namespace Hntt.Domain.Tests;

/// <summary>The regulations as pure rules: chair rooms, technicians on duty, validation, the timeline, the cascade.</summary>
public sealed class MeetingRulesTests
{
    static readonly RegistryData ThanhHoa = RegistrySeeds.ThanhHoa();
    static readonly RegistryData SonLa = RegistrySeeds.SonLa();
    static readonly DateTime Now = VietnamTime.ToUtc(new DateTime(2026, 11, 24, 9, 0, 0));

    static MeetingRequest Request(string host = "th-ubnd", int daysAhead = 3, MeetingKind kind = MeetingKind.Planned) => new(
        host, "Hội nghị trực tuyến giao ban", kind, new DateTime(2026, 11, 24, 8, 0, 0).AddDays(daysAhead), new DateTime(2026, 11, 24, 11, 30, 0).AddDays(daysAhead),
        new SiteSelection(AllDistricts: true));

    [Fact]
    public void Presets_load_the_real_units_of_each_province()
    {
        Assert.Equal(28, ThanhHoa.Sites.Count(s => s.Level == SiteLevel.District)); // TH: 27 districts + Nghi Sơn economic zone
        Assert.Contains(ThanhHoa.Sites, s => s.Name == "Điểm cầu Huyện Mường Lát");
        Assert.Equal(12, SonLa.Sites.Count(s => s.Level == SiteLevel.District));
        Assert.InRange(SonLa.Sites.Count(s => s.Level == SiteLevel.Commune), 180, 220);
        Assert.Equal(2, SonLa.Mcus.Count(m => m.MasterMcuId == "sl-mcu-ppc"));
        Assert.All(ThanhHoa.Sites, s => Assert.Equal(2, ThanhHoa.Technicians.Count(t => t.SiteId == s.Id))); // TH Art. 8.3: two per site
        Assert.Equal(10_000, RegistrySeeds.National(10_000).Sites.Count);
    }

    [Theory]
    [InlineData("th-tu", "th-p-tu")] // TH Art. 4.1: Party committee → Provincial Party Office room
    [InlineData("th-ban-tuyen-giao", "th-p-tu")]
    [InlineData("th-ubnd", "th-p-ubnd")] // People's Committee → PPC Office room
    [InlineData("th-hdnd", "th-p-stttt")] // People's Council, departments, Front, mass organisations → DIC room
    [InlineData("th-syt", "th-p-stttt")]
    [InlineData("th-mttq", "th-p-stttt")]
    [InlineData("th-tinh-doan", "th-p-stttt")]
    public void TH_Art_4_1_the_chair_room_follows_the_host(string host, string chair)
    {
        Assert.Equal(chair, ChairSiteRule.ChairFor(ThanhHoa.Units.Single(u => u.Id == host), ThanhHoa.Sites)!.Id);
    }

    [Theory]
    [InlineData("th-tu", TechnicianAffiliation.PartyCommittee)]
    [InlineData("th-ubnd", TechnicianAffiliation.PeoplesCommittee)]
    [InlineData("th-syt", TechnicianAffiliation.PeoplesCommittee)]
    public void TH_Art_8_2_a_district_is_operated_by_the_technician_of_the_hosts_side(string host, TechnicianAffiliation expected)
    {
        Site district = ThanhHoa.Sites.First(s => s.Level == SiteLevel.District);

        Technician onDuty = Assert.Single(OnDutyTechnicianRule.OnDuty(district, ThanhHoa.Units.Single(u => u.Id == host), ThanhHoa.Technicians));

        Assert.Equal(expected, onDuty.Affiliation);
    }

    [Fact]
    public void A_request_with_every_mistake_gets_every_message_naming_its_field()
    {
        MeetingRequest bad = Request() with
        {
            LocalStart = new DateTime(2026, 11, 23, 8, 0, 0),
            LocalEnd = new DateTime(2026, 11, 23, 7, 0, 0),
            Sites = new SiteSelection(SiteIds: ["th-d-nga-son", "no-such-site"]),
        };

        var (plan, errors) = MeetingPlanner.Plan(bad, ThanhHoa, [], Now, MeetingPolicy.ThanhHoa);

        Assert.Null(plan);
        Assert.Equal(["localStart:inThePast", "localEnd:beforeStart", "sites.siteIds:unknown"], errors.Select(e => $"{e.Field}:{e.Rule}"));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void TH_Art_4_2_a_room_booked_for_an_overlapping_meeting_is_a_conflict()
    {
        DateTime start = VietnamTime.ToUtc(Request().LocalStart);
        RoomBooking[] booked = [new("th-d-nga-son", "other-meeting", start.AddHours(1), start.AddHours(5)), new("th-p-ubnd", "other-meeting", start.AddHours(1), start.AddHours(5))];

        var (_, errors) = MeetingPlanner.Plan(Request(), ThanhHoa, booked, Now, MeetingPolicy.ThanhHoa);

        Assert.Equal(["chairSiteId:roomBooked", "sites:roomBooked"], errors.Select(e => $"{e.Field}:{e.Rule}").Order());
        Assert.Contains("other-meeting", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TH_Art_7_2_a_planned_meeting_asked_for_less_than_two_days_ahead_is_accepted_and_flagged_late()
    {
        var (late, _) = MeetingPlanner.Plan(Request(daysAhead: 1), ThanhHoa, [], Now, MeetingPolicy.ThanhHoa);
        var (onTime, _) = MeetingPlanner.Plan(Request(daysAhead: 3), ThanhHoa, [], Now, MeetingPolicy.ThanhHoa);
        var (emergency, _) = MeetingPlanner.Plan(Request(daysAhead: 1, kind: MeetingKind.Emergency), ThanhHoa, [], Now, MeetingPolicy.ThanhHoa);

        Assert.Contains("Điều 7.2", late!.LateNotice, StringComparison.Ordinal);
        Assert.Null(onTime!.LateNotice);
        Assert.Null(emergency!.LateNotice); // TH Art. 7.2 exempts emergencies
        Assert.Equal(28, onTime.SatelliteSiteIds.Count);
        Assert.Equal("th-p-ubnd", onTime.ChairSiteId);
    }

    [Fact]
    public void The_planned_timeline_puts_every_obligation_at_its_article()
    {
        DateTime start = VietnamTime.ToUtc(Request().LocalStart);
        DateTime end = VietnamTime.ToUtc(Request().LocalEnd);

        IReadOnlyList<Obligation> timeline = MeetingTimeline.Build(MeetingKind.Planned, start, end, Now, MeetingPolicy.ThanhHoa);
        DateTime At(ObligationKind kind) => timeline.Single(o => o.Kind == kind).RunAt;

        Assert.Equal(Now, At(ObligationKind.SendDetails)); // SL II.1 step 2: at once, within 15 minutes
        Assert.Equal(Now, At(ObligationKind.NotifyDic)); // TH Art. 7.2: ≥ 2 days before
        Assert.Equal(start.AddDays(-1), At(ObligationKind.FirstTestCall)); // TH Art. 11.1
        Assert.Equal(start.AddHours(-2), At(ObligationKind.RehearsalAndCascade)); // SL II.1 steps 4–5
        Assert.Equal(start.AddHours(-1), At(ObligationKind.SecondTestCall)); // TH Art. 11.1
        Assert.Equal(start.AddMinutes(-30), At(ObligationKind.ReadyCheck)); // SL II.1 step 5
        Assert.Equal(end, At(ObligationKind.End)); // SL II.1 step 7
        Assert.All(timeline, o => Assert.False(o.IsLate, o.Kind.ToString()));
        Assert.Equal(timeline.OrderBy(o => o.RunAt), timeline);
    }

    [Fact]
    public void Son_La_rules_remind_the_rooms_without_a_rehearsal_at_T_minus_2_hours_and_escalate_15_minutes_later_SL_II_1_step_4()
    {
        DateTime start = VietnamTime.ToUtc(Request().LocalStart);
        DateTime end = VietnamTime.ToUtc(Request().LocalEnd);

        IReadOnlyList<Obligation> sonLa = MeetingTimeline.Build(MeetingKind.Planned, start, end, Now, MeetingPolicy.SonLa);
        IReadOnlyList<Obligation> thanhHoa = MeetingTimeline.Build(MeetingKind.Planned, start, end, Now, MeetingPolicy.ThanhHoa);

        Obligation reminder = sonLa.Single(o => o.Kind == ObligationKind.RehearsalReminder);
        Assert.Equal((start.AddHours(-2), "SL II.1 step 4"), (reminder.RunAt, reminder.Article));
        Assert.Equal(start.AddHours(-2).AddMinutes(15), sonLa.Single(o => o.Kind == ObligationKind.RehearsalEscalation).RunAt);
        Assert.DoesNotContain(thanhHoa, o => o.Kind is ObligationKind.RehearsalReminder or ObligationKind.RehearsalEscalation); // not a Thanh Hóa rule
        Assert.Equal(sonLa.OrderBy(o => o.RunAt), sonLa);
    }

    [Fact]
    public void The_emergency_timeline_acts_at_once_and_is_ready_thirty_minutes_before()
    {
        DateTime start = Now.AddHours(2);

        IReadOnlyList<Obligation> timeline = MeetingTimeline.Build(MeetingKind.Emergency, start, start.AddHours(1), Now, MeetingPolicy.ThanhHoa);

        Assert.Equal([ObligationKind.EmergencyNotices, ObligationKind.ConnectionPlan, ObligationKind.RehearsalAndCascade, ObligationKind.SecondTestCall],
            timeline.Where(o => o.RunAt == Now).Select(o => o.Kind)); // TH Art. 7.4, SL II.2 steps 1–3
        Assert.Equal(start.AddMinutes(-30), timeline.Single(o => o.Kind == ObligationKind.ReadyCheck).RunAt);
        Assert.DoesNotContain(timeline, o => o.Kind is ObligationKind.NotifyDic or ObligationKind.FirstTestCall);
    }

    [Fact]
    public void A_compressed_policy_keeps_the_proportions()
    {
        MeetingPolicy fast = MeetingPolicy.ThanhHoa.Compressed(3600);

        Assert.Equal(TimeSpan.FromSeconds(24), fast.FirstTestCallBefore);
        Assert.Equal(TimeSpan.FromSeconds(2), fast.RehearsalAndCascadeBefore);
    }

    [Fact]
    public void SL_II_1_step_3_the_cascade_has_one_level_with_each_slave_straight_into_the_master()
    {
        Site chair = SonLa.Sites.Single(s => s.Id == "sl-p-ubnd");
        IEnumerable<Site> satellites = SonLa.Sites.Where(s => s.Level is SiteLevel.District or SiteLevel.Commune);

        ConnectionPlan plan = CascadePlanner.Plan(chair, satellites, SonLa.Mcus);

        Assert.Equal("sl-mcu-ppc", plan.MasterMcuId);
        Assert.Equal(1, plan.Levels);
        Assert.Equal(["sl-mcu-viettel", "sl-mcu-vnpt"], plan.Links.Select(l => l.SlaveMcuId));
        Assert.All(plan.Links, l => Assert.Equal("sl-mcu-ppc", l.MasterMcuId));
        Assert.Equal(satellites.Count(), plan.Links.Sum(l => l.SiteCount));
    }

    [Fact]
    public void The_booking_window_reaches_back_to_the_longest_meeting_so_an_overnight_session_still_collides_TH_Art_4_2()
    {
        MeetingRequest request = Request(daysAhead: 3);
        DateTime start = VietnamTime.ToUtc(request.LocalStart);

        var (fromUtc, toUtc) = MeetingPlanner.BookingWindow(request);

        // A 24-hour session that began 23 hours earlier still holds the room; one that began 24 hours earlier has ended.
        Assert.Equal(start.AddHours(-24), fromUtc);
        Assert.Equal(VietnamTime.ToUtc(request.LocalEnd), toUtc);
        var overnight = new RoomBooking("th-d-nga-son", "overnight", start.AddHours(-23), start.AddHours(1));
        var (plan, errors) = MeetingPlanner.Plan(request with { Sites = new SiteSelection(SiteIds: ["th-d-nga-son"]) }, ThanhHoa, [overnight], Now, MeetingPolicy.ThanhHoa, "m");
        Assert.Null(plan);
        Assert.Contains(errors, e => e.Rule == "roomBooked");
    }
}
