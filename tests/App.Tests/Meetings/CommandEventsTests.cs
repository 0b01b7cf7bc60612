using System.Text.Json;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using Hntt.TaskHub;

namespace Hntt.App.Tests.Meetings;

/// <summary>Commands as the task hub carries them: the closed set, read back as written, and what running meetings already hold.</summary>
public sealed class CommandEventsTests
{
    static MeetingCommand? Read(string json) => CommandEvents.Read(JsonDocument.Parse(json).RootElement);

    public static TheoryData<MeetingCommand> Commands() =>
    [
        new CancelMeeting("Thay đổi kế hoạch"),
        new RescheduleMeeting(new DateTime(2027, 1, 2, 8, 0, 0), new DateTime(2027, 1, 2, 10, 0, 0)),
        new BringToChair("th-d-nga-son", new DateTime(2027, 1, 2, 1, 5, 0, DateTimeKind.Utc)),
        new ChairSwitched(new ChairSwitch("th-d-nga-son", 412, WithinLimit: true)),
        new ReportIncident("inc-1"),
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_reads_back_as_it_was_written(MeetingCommand command) =>
        Assert.Equal(command, Read(JsonSerializer.Serialize(command, TaskHubJson.Options)));

    [Fact]
    public void Commands_in_the_shape_running_meetings_hold_in_their_histories_still_read()
    {
        // As the untyped control record wrote them before the commands were typed: every field, nulls included.
        Assert.Equal(new RescheduleMeeting(new DateTime(2027, 1, 2, 8, 0, 0), new DateTime(2027, 1, 2, 10, 0, 0)), Read("""
            {"action":"Reschedule","localStart":"2027-01-02T08:00:00","localEnd":"2027-01-02T10:00:00","siteId":null,"reason":null,"requestedAtUtc":null,"incidentId":null,"switch":null}
            """));
        Assert.Equal(new CancelMeeting("Kết thúc sớm"), Read("""{"action":"Cancel","localStart":null,"localEnd":null,"siteId":null,"reason":"Kết thúc sớm"}"""));
    }

    [Theory]
    [InlineData("""{"action":"Dance"}""")] // not in the set
    [InlineData("""{"reason":"x"}""")] // no action
    [InlineData("""{"action":"Cancel","reason":"  "}""")] // breaks its rule
    [InlineData("""{"action":"Reschedule","localStart":"2027-01-02T10:00:00","localEnd":"2027-01-02T09:00:00"}""")]
    [InlineData("""{"action":"BringToChair","siteId":7}""")] // a field of the wrong kind
    [InlineData("""[1,2]""")]
    public void What_is_no_valid_command_is_no_command(string json) => Assert.Null(Read(json));

    [Fact]
    public void A_payload_written_by_hand_may_name_its_action_anywhere() =>
        Assert.Equal(new ReportIncident("inc-9"), Read("""{"incidentId":"inc-9","action":"Incident"}"""));
}
