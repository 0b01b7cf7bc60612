using System.Text.Json;

namespace Hntt.Testing;

/// <summary>An e-mail as mailparser read it, with its invitations as ical.js read them.</summary>
public sealed record MailReading(string File, string MessageId, string Subject, IReadOnlyList<string> From, IReadOnlyList<string> To, string? AutoSubmitted,
    string Text, IReadOnlyList<CalendarReading> Calendars);

/// <summary>One calendar part or .ics attachment as ical.js read it.</summary>
public sealed record CalendarReading(string ContentType, string Method, string Uid, int Sequence, string? Status, string? Summary, string Start, string? StartZone,
    IReadOnlyList<string> Zones, string? Organizer, IReadOnlyList<string> Attendees, int Alarms);

/// <summary>
/// Hands e-mails to the parsers people's mail clients rely on (tests/Hntt.Testing/node/read-mail.cjs): what they cannot
/// read fails the test with their words, what they can is returned for the test to check.
/// </summary>
public static class MailClients
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the given RFC 5322 sources, in order.</summary>
    public static async Task<IReadOnlyList<MailReading>> ReadAsync(IEnumerable<byte[]> sources)
    {
        DirectoryInfo folder = Directory.CreateTempSubdirectory("mail-");
        try
        {
            var files = new List<string>();
            foreach (byte[] source in sources)
            {
                string file = Path.Combine(folder.FullName, $"{files.Count:D5}.eml");
                await File.WriteAllBytesAsync(file, source).ConfigureAwait(false);
                files.Add(file);
            }

            if (files.Count == 0)
            {
                return [];
            }

            (int exitCode, string output) = await NodeTools.RunScriptAsync("read-mail.cjs", [.. files]).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new InvalidOperationException("Mail clients' parsers refused a message:\n" + output);
            }

            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => JsonSerializer.Deserialize<MailReading>(l, Json)!)];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
