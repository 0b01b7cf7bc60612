using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;

namespace Hntt.Relay.Tests;

/// <summary>The Cisco Meeting Server driver against a simulator that follows the API Blueprint, for every command.</summary>
public sealed class CmsDriverTests : IAsyncLifetime
{
    CmsSimulator cms = null!;
    HttpClient http = null!;
    CmsMcuDriver driver = null!;

    public async Task InitializeAsync()
    {
        cms = await CmsSimulator.StartAsync();
        http = new HttpClient { BaseAddress = cms.Address, DefaultRequestHeaders = { Authorization = CmsMcuDriver.Basic(CmsSimulator.User, CmsSimulator.Password) } };
        driver = new CmsMcuDriver("sl-mcu-ppc", http, "sonla.example.gov.vn");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await cms.DisposeAsync();
    }

    Task<string> Run(string command, string? target = null, string? value = null) =>
        driver.ExecuteAsync(new RelayCommandRequest(Guid.NewGuid().ToString(), "sl-mcu-ppc", command, "meeting-1", target, value), default);

    Dictionary<string, string> Leg(string party) => cms.Legs.Values.Single(l => l["remoteParty"] == party);

    [Fact]
    public async Task Cascade_creates_the_meetings_call_once_and_dials_each_slave_as_a_call_leg()
    {
        await Run(RelayCommandNames.Cascade, "sl-mcu-vnpt");
        await Run(RelayCommandNames.Cascade, "sl-mcu-viettel@viettel.example.vn");

        var call = Assert.Single(cms.Calls);
        Assert.Equal("meeting-1", call.Value["name"]);
        Assert.Equal(call.Key, Leg("sl-mcu-vnpt@sonla.example.gov.vn")["call"]);
        Assert.Equal(call.Key, Leg("sl-mcu-viettel@viettel.example.vn")["call"]);
        ConferenceStatus status = (await driver.ReadAsync("meeting-1", default))!;
        Assert.Equal(["sl-mcu-viettel@viettel.example.vn", "sl-mcu-vnpt@sonla.example.gov.vn"], status.Participants);
        Assert.Null(await driver.ReadAsync("no-such-meeting", default));
    }

    [Fact]
    public async Task Layout_mute_and_bring_to_chair_set_the_documented_call_and_call_leg_properties()
    {
        await Run(RelayCommandNames.Cascade, "sl-mcu-vnpt");
        await Run(RelayCommandNames.Cascade, "sl-d-moc-chau");

        await Run(RelayCommandNames.Layout, value: "onePlusFive");
        await Run(RelayCommandNames.Mute, "sl-mcu-vnpt", "true");
        await Run(RelayCommandNames.BringToChair, "sl-d-moc-chau");

        Assert.All(cms.Legs.Values, l => Assert.Equal("onePlusFive", l["chosenLayout"]));
        Assert.Equal("true", Leg("sl-mcu-vnpt@sonla.example.gov.vn")["rxAudioMute"]);
        Assert.Equal("1", Leg("sl-d-moc-chau@sonla.example.gov.vn")["importance"]);
        Assert.Equal("1", cms.Calls.Values.Single()["panePlacementHighestImportance"]);
    }

    [Fact]
    public async Task Disconnect_removes_the_leg_and_teardown_ends_the_call()
    {
        await Run(RelayCommandNames.Cascade, "sl-mcu-vnpt");
        await Run(RelayCommandNames.Cascade, "sl-mcu-viettel");

        await Run(RelayCommandNames.Disconnect, "sl-mcu-vnpt");
        int legsAfterDisconnect = cms.Legs.Count;
        await Run(RelayCommandNames.TearDown);

        Assert.Equal(1, legsAfterDisconnect);
        Assert.Empty(cms.Calls);
        Assert.Empty(cms.Legs);
    }

    [Fact]
    public async Task The_MCUs_failure_reason_and_wrong_credentials_are_reported_precisely()
    {
        await Run(RelayCommandNames.Cascade, "sl-mcu-vnpt");
        cms.Legs.Clear(); // the slave hung up on its own

        var gone = await Assert.ThrowsAsync<McuException>(() => Run(RelayCommandNames.Mute, "sl-mcu-vnpt", "true"));
        using var wrong = new HttpClient { BaseAddress = cms.Address, DefaultRequestHeaders = { Authorization = CmsMcuDriver.Basic("api", "wrong") } };
        var refused = await Assert.ThrowsAsync<McuException>(() => new CmsMcuDriver("sl-mcu-ppc", wrong, "x").ExecuteAsync(
            new RelayCommandRequest("k", "sl-mcu-ppc", RelayCommandNames.Layout, "meeting-1", null, "allEqual"), default));

        Assert.True(gone.Message.Contains("callLegDoesNotExist", StringComparison.Ordinal), gone.Message);
        Assert.Contains("(401)", refused.Message, StringComparison.Ordinal);
    }
}
