using Hntt.App.Relay;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;

namespace Hntt.Relay.Tests.Contract;

/// <summary>
/// What the workflow depends on from a relay transport, whichever it is (<see cref="IRelayTransport"/>): run once
/// against signed HTTPS over loopback and once against Service Bus semantics in memory, on the same relay.
/// </summary>
public abstract class RelayTransportContract : IAsyncLifetime
{
    /// <summary>A transport signing with <paramref name="key"/> (the caller's own by default); on a queue, its commands live for <paramref name="life"/>.</summary>
    protected abstract IRelayTransport Transport(byte[]? key = null, TimeSpan? life = null);

    /// <summary>The relay's simulated MCU.</summary>
    protected abstract SimulatedMcu Mcu(string id);

    /// <summary>The relay cannot be reached (HTTPS) or takes nothing from the queue, until <see cref="RelayBackAsync"/>.</summary>
    protected abstract Task RelayGoneAsync();

    /// <summary>The relay is back.</summary>
    protected abstract Task RelayBackAsync();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    static RelayCommandRequest Cascade(string key, string slave = "sl-mcu-vnpt") => new(key, "sl-mcu-ppc", RelayCommandNames.Cascade, "m1", slave);

    [Fact]
    public async Task A_command_is_carried_out_and_the_MCUs_outcome_comes_back()
    {
        RelayCommandResult result = await Transport().SendAsync(Cascade("m1|cascade|vnpt"), default);

        Assert.True(result.Succeeded, result.Detail);
        Assert.False(string.IsNullOrEmpty(result.Detail));
        Assert.True(result.Milliseconds >= 0);
        Assert.Equal(["sl-mcu-vnpt"], Mcu("sl-mcu-ppc").Conference("m1")!.Participants);
    }

    [Fact]
    public async Task A_command_retried_under_its_idempotency_key_acts_once()
    {
        IRelayTransport transport = Transport();
        RelayCommandResult first = await transport.SendAsync(Cascade("m1|cascade|vnpt"), default);
        RelayCommandResult retried = await transport.SendAsync(Cascade("m1|cascade|vnpt"), default);

        Assert.True(retried.Succeeded);
        Assert.Equal(first.Detail, retried.Detail);
        Assert.Equal(1, Mcu("sl-mcu-ppc").Executed);
    }

    [Fact]
    public async Task A_command_that_failed_reaches_the_MCU_again_when_retried()
    {
        IRelayTransport transport = Transport();
        Mcu("sl-mcu-ppc").Down = true;
        RelayCommandResult failed = await transport.SendAsync(Cascade("m1|cascade|vnpt"), default);
        Mcu("sl-mcu-ppc").Down = false;
        RelayCommandResult retried = await transport.SendAsync(Cascade("m1|cascade|vnpt"), default);

        Assert.False(failed.Succeeded);
        Assert.Contains("not reachable", failed.Detail, StringComparison.Ordinal); // the MCU's own reason, for DIC and the chair room
        Assert.True(retried.Succeeded, retried.Detail); // not swallowed as a duplicate
        Assert.Equal(1, Mcu("sl-mcu-ppc").Executed);
    }

    [Fact]
    public async Task One_MCUs_commands_never_overlap()
    {
        IRelayTransport transport = Transport();

        RelayCommandResult[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => transport.SendAsync(Cascade($"m1|cascade|{i}", $"slave-{i}"), default)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Detail));
        Assert.Equal(8, Mcu("sl-mcu-ppc").Executed);
        Assert.Equal(1, Mcu("sl-mcu-ppc").MaxConcurrent);
    }

    [Fact]
    public async Task A_command_for_an_MCU_the_relay_does_not_drive_fails_saying_so()
    {
        RelayCommandResult result = await Transport().SendAsync(new RelayCommandRequest("m1|layout|x", "sl-mcu-unknown", RelayCommandNames.Layout, "m1", null, "speakerOnly"), default);

        Assert.False(result.Succeeded);
        Assert.Contains("No MCU 'sl-mcu-unknown'", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_not_signed_with_the_callers_key_is_never_run_nor_reported_done()
    {
        RelayCommandResult result = await Transport(key: new byte[32], life: TimeSpan.FromSeconds(2)).SendAsync(Cascade("m1|cascade|vnpt"), default);

        Assert.False(result.Succeeded);
        Assert.Equal(0, Mcu("sl-mcu-ppc").Executed);
    }

    [Fact]
    public async Task A_command_the_relay_does_not_take_in_time_fails_and_is_not_run_when_the_relay_is_back()
    {
        var chair = new RelayCommandRequest("m1|chair|r1", "sl-mcu-ppc", RelayCommandNames.BringToChair, "m1", "sl-d-moc-chau");
        await RelayGoneAsync();
        RelayCommandResult lost = await Transport(life: TimeSpan.FromSeconds(2)).SendAsync(chair, default);
        await RelayBackAsync();
        // The MCU's next command comes after the lost one in its queue: once it is done, the lost one is settled too.
        RelayCommandResult next = await Transport().SendAsync(chair with { IdempotencyKey = "m1|chair|r2", Target = "sl-d-yen-chau" }, default);

        Assert.False(lost.Succeeded);
        Assert.True(next.Succeeded, next.Detail);
        Assert.Equal(["m1|chair|r2"], Mcu("sl-mcu-ppc").Log.Select(l => l.Command.IdempotencyKey));
    }
}
