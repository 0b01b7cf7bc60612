using System.Globalization;

namespace Hntt.App.Timers;

/// <summary>
/// Turns a schedule read on the province's clock into the same schedule in UTC. Azure Functions on Linux ignores
/// <c>WEBSITE_TIME_ZONE</c> and reads every timer in UTC, so the Functions app's schedules are host.json's shifted by
/// the zone's offset: 07:00 in Asia/Ho_Chi_Minh is 00:00 UTC. Vietnam's offset has not changed since 1975, so one fixed shift
/// is exact all year; a zone with daylight saving, or a shift that would move a day-of-month schedule across midnight, is
/// refused rather than converted wrongly.
/// </summary>
public static class UtcSchedule
{
    // Vietnam's clock last changed in 1975; a zone whose offset changed since this date is not shifted by one number.
    static readonly DateTime FixedSince = new(2000, 1, 1);

    /// <summary>The six-field NCRONTAB <paramref name="schedule"/> on <paramref name="zone"/>'s clock, stated in UTC.</summary>
    /// <exception cref="ArgumentException">The zone keeps daylight saving or a partial-hour offset, or the shift cannot be stated.</exception>
    public static string FromLocal(string schedule, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.GetAdjustmentRules().Any(rule => rule.DateEnd >= FixedSince) || zone.BaseUtcOffset.Minutes != 0)
        {
            throw new ArgumentException($"{zone.Id} has no single whole-hour offset; state the schedule in UTC.", nameof(zone));
        }

        _ = TimerOptions.Parse(schedule); // six valid fields, or NCrontab's own error
        string[] fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields[2] == "*")
        {
            return schedule; // every hour: the same in any zone
        }

        int offset = zone.BaseUtcOffset.Hours;
        List<int> local = Values(fields[2]);
        int[] dayShifts = [.. local.Select(h => (int)Math.Floor((h - offset) / 24.0)).Distinct()];
        fields[2] = string.Join(',', local.Select(h => (((h - offset) % 24) + 24) % 24).Order());
        if (dayShifts is [0] || fields[3..] is ["*", "*", "*"])
        {
            return string.Join(' ', fields); // no hour changes day, or every day is the same
        }

        if (fields[3] != "*" || fields[4] != "*" || dayShifts.Length > 1)
        {
            throw new ArgumentException($"'{schedule}' moves across midnight in UTC on some days only, or on a day of the month; state it in UTC.", nameof(schedule));
        }

        fields[5] = string.Join(',', Values(fields[5], 7).Select(d => (((d + dayShifts[0]) % 7) + 7) % 7).Order());
        return string.Join(' ', fields);
    }

    // A numeric field's values: 5, 1-3, */6, 8-20/4, lists of them.
    static List<int> Values(string field, int count = 24) =>
        [.. field.Split(',').SelectMany(part =>
        {
            string[] stepParts = part.Split('/');
            int step = stepParts.Length == 2 ? int.Parse(stepParts[1], CultureInfo.InvariantCulture) : 1;
            string[] range = stepParts[0] == "*" ? ["0", (count - 1).ToString(CultureInfo.InvariantCulture)] : stepParts[0].Split('-');
            int from = int.Parse(range[0], CultureInfo.InvariantCulture);
            int to = range.Length == 2 ? int.Parse(range[1], CultureInfo.InvariantCulture) : (stepParts.Length == 2 ? count - 1 : from);
            return Enumerable.Range(from, to - from + 1).Where(v => (v - from) % step == 0);
        }).Distinct()];
}
