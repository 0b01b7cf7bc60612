using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;

namespace Hntt.Testing.Service;

/// <summary>One meeting as seeded, with what the report reads about it.</summary>
public sealed record SeededMeeting(MeetingEntry Entry, IReadOnlyList<MeetingSite> Sites, IReadOnlyList<Incident> Incidents, MeetingReport Report, IReadOnlyList<string> Qualities);

/// <summary>
/// A year of closed meetings written straight into the stores, as the workflow leaves them (rooms' results, incidents,
/// the closing report, signed logbooks): what the monthly and yearly reports read. Deterministic for a seed.
/// </summary>
public static class YearOfMeetings
{
    static readonly string[] Hosts = ["th-ubnd", "th-tu", "th-hdnd", "th-stttt"];
    static readonly string[] Qualities = ["good", "fair", "poor"];

    /// <summary>Writes <paramref name="count"/> meetings of <paramref name="year"/> (and five either side of it) and returns them all.</summary>
    public static async Task<IReadOnlyList<SeededMeeting>> SeedAsync(IMeetingDirectory directory, IMeetingStore store, RegistryData registry, int year, int count, int seed = 2026)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        var random = new Random(seed);
        string[] rooms = [.. registry.Sites.Select(s => s.Id).Where(id => id != "th-p-ubnd")];
        var seeded = new List<SeededMeeting>();
        for (int n = 0; n < count + 10; n++)
        {
            DateTime local = n < count ? new DateTime(year, 1, 5, 8, 0, 0).AddDays(random.Next(0, 355))
                : n < count + 5 ? new DateTime(year - 1, 12, 20, 8, 0, 0) : new DateTime(year + 1, 1, 3, 8, 0, 0);
            MeetingPhase phase = random.Next(10) == 0 ? MeetingPhase.Cancelled : MeetingPhase.Done;
            var entry = new MeetingEntry($"seed-{year}-{n}", Hosts[random.Next(Hosts.Length)], $"Hội nghị trực tuyến số {n + 1}",
                random.Next(8) == 0 ? MeetingKind.Emergency : MeetingKind.Planned, VietnamTime.ToUtc(local), VietnamTime.ToUtc(local.AddHours(3)), phase);
            await directory.AddAsync(entry, default);
            List<MeetingSite> sites = [new MeetingSite(entry.MeetingId, "th-p-ubnd", SiteRole.Chair),
                .. rooms.OrderBy(_ => random.Next()).Take(random.Next(5, 15)).Select(r => new MeetingSite(entry.MeetingId, r, SiteRole.Satellite)
                {
                    SecondTest = random.Next(6) == 0 ? null : new SiteCheck(true, random.Next(10) > 0, null, entry.StartUtc.AddHours(-1)),
                    AtRisk = random.Next(5) == 0,
                })];
            await store.AddSitesAsync(sites, default);
            List<Incident> incidents = [.. Enumerable.Range(0, random.Next(0, 3)).Select(i => new Incident($"{entry.MeetingId}-i{i}", entry.MeetingId, sites[1].SiteId,
                (IncidentKind)random.Next(4), "Sự cố kỹ thuật", entry.StartUtc.AddMinutes(10)) { ResolvedAtUtc = random.Next(4) == 0 ? null : entry.StartUtc.AddMinutes(10 + random.Next(1, 60)) })];
            foreach (Incident incident in incidents)
            {
                await store.SaveIncidentAsync(incident, default);
            }

            List<ChairSwitch> switches = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(500, 40000)).Select(ms => new ChairSwitch(sites[1].SiteId, ms, ms <= 30000))];
            var report = new MeetingReport(new ReadinessCounts(sites.Count - 1, 0, 0, 0, 0, 0, 0), switches, null, phase == MeetingPhase.Cancelled);
            await store.SaveReportAsync(entry.MeetingId, report, default);
            List<string> qualities = [];
            if (phase == MeetingPhase.Done)
            {
                await store.OpenLogbookAsync([.. sites.Select(s => new LogbookEntry(s.SiteId, entry.MeetingId, "official", entry.StartUtc, entry.EndUtc, []))], default);
                foreach (MeetingSite site in sites.Where(_ => random.Next(3) > 0))
                {
                    string quality = Qualities[random.Next(3)];
                    qualities.Add(quality);
                    await store.SignLogbookAsync(new LogbookEntry(site.SiteId, entry.MeetingId, "official", entry.StartUtc, entry.EndUtc, []) { Quality = quality }, default);
                }
            }

            seeded.Add(new SeededMeeting(entry, sites, incidents, report, qualities));
        }

        return seeded;
    }
}
