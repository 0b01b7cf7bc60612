using System.Text.Json;
using Hntt.Domain.Meetings;
using Hntt.TaskHub;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Meetings;

/// <summary>
/// Commands as the task hub carries them: written as <see cref="MeetingCommand"/>, so their <c>action</c> travels
/// with them, and read back leniently — a payload that is not a valid command (raised by hand) is no command.
/// </summary>
public static class CommandEvents
{
    /// <summary>Sends <paramref name="command"/> to the meeting's workflow if it is running: Sent, NotFound or Finished.</summary>
    public static Task<InstanceAnswer> SendToRunningAsync(this DurableTaskClient client, string meetingId, MeetingCommand command, CancellationToken cancellationToken) =>
        client.RaiseEventToRunningAsync(meetingId, MeetingCommand.EventName, Payload(command), cancellationToken);

    /// <summary>Sends <paramref name="command"/> to the meeting's workflow (dropped by the engine if it has finished).</summary>
    public static Task SendAsync(this DurableTaskClient client, string meetingId, MeetingCommand command, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(meetingId, MeetingCommand.EventName, Payload(command), cancellationToken);

    /// <summary>The command in <paramref name="payload"/>, or null when it is none or breaks a rule.</summary>
    public static MeetingCommand? Read(JsonElement payload) => Parse(payload) is { Command: { } command, Errors.Count: 0 } ? command : null;

    /// <summary>The command in <paramref name="payload"/> and the rules it breaks; when it is no command at all, the rule for <c>action</c>.</summary>
    public static (MeetingCommand? Command, IReadOnlyList<ValidationError> Errors) Parse(JsonElement payload)
    {
        try
        {
            if (payload.Deserialize<MeetingCommand>(TaskHubJson.Options) is { } command)
            {
                return (command, command.Validate());
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // no action, an unknown one, or fields of the wrong kind
        }

        return (null, [new ValidationError("action", "oneOf",
            "A Control event is a meeting command: action Cancel, Reschedule, BringToChair, ChairSwitched or Incident, with its fields.")]);
    }

    static JsonElement Payload(MeetingCommand command) => JsonSerializer.SerializeToElement(command, TaskHubJson.Options);
}
