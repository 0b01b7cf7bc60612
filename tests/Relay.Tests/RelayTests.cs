using System.Net;
using System.Net.Http.Json;
using Hntt.App.Relay;
using Hntt.Domain.Rules;
using Hntt.Relay.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Hntt.Relay.Tests;

/// <summary>The relay over real HTTP: only signed, fresh, first-time requests; each command once; one at a time per MCU; a failing MCU fails fast.</summary>
public sealed class RelayTests : IAsyncLifetime
{
    RelayTestServer relay = null!;

    public async Task InitializeAsync() => relay = await RelayTestServer.StartAsync();

    public async Task DisposeAsync() => await relay.DisposeAsync();

    static RelayCommandRequest BringToChair(string key, string site = "sl-d-moc-chau") =>
        new(key, "sl-mcu-ppc", RelayCommandNames.BringToChair, "meeting-1", site);

    [Fact]
    public async Task A_signed_command_runs_on_the_MCU_and_is_audited_with_caller_outcome_and_duration()
    {
        using HttpClient client = relay.Client();

        using HttpResponseMessage response = await client.PostAsJsonAsync("commands", BringToChair("k1"));
        RelayCommandResult? result = await response.Content.ReadFromJsonAsync<RelayCommandResult>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result!.Succeeded);
        Assert.Equal("sl-d-moc-chau", relay.Mcu("sl-mcu-ppc").Conference("meeting-1")!.OnChairScreen);
        string audit = Assert.Single(await File.ReadAllLinesAsync(relay.AuditPath));
        Assert.Contains("\"Caller\":\"cloud\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"Succeeded\":true", audit, StringComparison.Ordinal);
        Assert.Contains("\"Milliseconds\":", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(RelayTestServer.Key), audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("intruder", "unknown caller")]
    [InlineData("cloud", "bad signature")]
    public async Task Requests_not_signed_with_a_known_callers_key_are_refused(string caller, string reason)
    {
        using HttpClient client = relay.Client(caller, key: new byte[32]);

        using HttpResponseMessage response = await client.PostAsJsonAsync("commands", BringToChair("k2"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, relay.Mcu("sl-mcu-ppc").Executed);
    }

    [Fact]
    public async Task A_request_signed_too_long_ago_is_refused()
    {
        var tenMinutesAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));
        using HttpClient client = relay.Client(clock: tenMinutesAgo);

        using HttpResponseMessage response = await client.PostAsJsonAsync("commands", BringToChair("k3"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("clock skew", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Sends a signed command and keeps the headers an eavesdropper would have seen.</summary>
    async Task<(HttpStatusCode Status, HttpRequestMessage Captured)> SendCapturedAsync(RelayCommandRequest command)
    {
        var captured = new List<HttpRequestMessage>();
        using var recorder = new RecordingHandler(captured);
        using var signer = new RelaySigningHandler("cloud", RelayTestServer.Key, TimeProvider.System) { InnerHandler = recorder };
        using var client = new HttpClient(signer) { BaseAddress = relay.Address };
        using HttpResponseMessage response = await client.PostAsJsonAsync("commands", command);
        return (response.StatusCode, captured[0]);
    }

    /// <summary>Sends <paramref name="command"/> again with the captured headers, as an eavesdropper would.</summary>
    async Task<(HttpStatusCode Status, string Body)> ReplayAsync(HttpRequestMessage captured, RelayCommandRequest command)
    {
        using var raw = new HttpClient { BaseAddress = relay.Address };
        using var replay = new HttpRequestMessage(HttpMethod.Post, "commands") { Content = JsonContent.Create(command) };
        foreach (var header in captured.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using HttpResponseMessage response = await raw.SendAsync(replay);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_replayed_request_is_refused()
    {
        var (first, captured) = await SendCapturedAsync(BringToChair("k4"));

        var (status, body) = await ReplayAsync(captured, BringToChair("k4"));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("replayed request", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_captured_before_a_restart_is_refused_after_it()
    {
        var (first, captured) = await SendCapturedAsync(BringToChair("k-restart"));
        await relay.DisposeAsync();
        relay = await RelayTestServer.StartAsync(); // the nonces it had seen are gone with it

        var (status, body) = await ReplayAsync(captured, BringToChair("k-restart"));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("signed before this relay started", body, StringComparison.Ordinal);
        Assert.Equal(0, relay.Mcu("sl-mcu-ppc").Executed);
    }

    [Fact]
    public async Task A_signature_is_bound_to_the_callers_name()
    {
        byte[] key = RelayTestServer.Key;
        Assert.NotEqual(RequestSignature.Sign(key, "cloud", "POST", "/commands", 1, "n", "{}"u8), RequestSignature.Sign(key, "other", "POST", "/commands", 1, "n", "{}"u8));
        using HttpClient impostor = relay.Client(caller: "other");

        using HttpResponseMessage response = await impostor.PostAsJsonAsync("commands", BringToChair("k-other"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_failed_command_is_not_kept_so_the_callers_retry_reaches_the_MCU()
    {
        using HttpClient client = relay.Client();
        var layout = new RelayCommandRequest("retry-key", "sl-mcu-vnpt", RelayCommandNames.Layout, "meeting-1", null, "onePlusZero");
        relay.Mcu("sl-mcu-vnpt").Down = true;
        using HttpResponseMessage failed = await client.PostAsJsonAsync("commands", layout);
        relay.Mcu("sl-mcu-vnpt").Down = false;

        using HttpResponseMessage retried = await client.PostAsJsonAsync("commands", layout);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.True((await retried.Content.ReadFromJsonAsync<RelayCommandResult>())!.Succeeded);
        Assert.Equal(1, relay.Mcu("sl-mcu-vnpt").Executed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")] // "short"
    public async Task A_caller_key_anyone_could_guess_stops_the_relay_at_start_naming_the_caller(string key)
    {
        await using Microsoft.AspNetCore.Builder.WebApplication app = RelayApp.Build([], builder =>
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration,
                new Dictionary<string, string?> { ["Relay:Callers:cloud"] = key, ["Urls"] = "http://127.0.0.1:0" }));

        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Relay:Callers:cloud must be base64 of at least 32 bytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_command_returns_the_first_result_and_runs_once()
    {
        using HttpClient client = relay.Client();

        RelayCommandResult?[] results = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using HttpResponseMessage response = await client.PostAsJsonAsync("commands", BringToChair("same-key"));
            return await response.Content.ReadFromJsonAsync<RelayCommandResult>();
        }));

        Assert.Equal(1, relay.Mcu("sl-mcu-ppc").Executed);
        Assert.Single(results.Distinct());
    }

    [Fact]
    public async Task Commands_to_one_MCU_run_one_at_a_time()
    {
        using HttpClient client = relay.Client();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.PostAsJsonAsync("commands", BringToChair($"order-{i}", $"site-{i}"))));

        Assert.Equal(12, relay.Mcu("sl-mcu-ppc").Executed);
        Assert.Equal(1, relay.Mcu("sl-mcu-ppc").MaxConcurrent);
    }

    [Fact]
    public async Task An_unreachable_MCU_is_reported_precisely_and_then_refused_fast_while_its_circuit_is_open()
    {
        using HttpClient client = relay.Client();
        relay.Mcu("sl-mcu-vnpt").Down = true;
        var details = new List<string>();

        for (int i = 0; i < 6; i++)
        {
            using HttpResponseMessage response = await client.PostAsJsonAsync("commands", new RelayCommandRequest($"down-{i}", "sl-mcu-vnpt", RelayCommandNames.Layout, "meeting-1", null, "onePlusZero"));
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            details.Add((await response.Content.ReadFromJsonAsync<RelayCommandResult>())!.Detail);
        }

        Assert.Contains("MCU sl-mcu-vnpt is not reachable.", details[0], StringComparison.Ordinal);
        Assert.Contains(details, d => d.Contains("circuit open", StringComparison.Ordinal));
        Assert.Equal(0, relay.Mcu("sl-mcu-ppc").Executed); // other MCUs are not affected
    }

    [Fact]
    public async Task The_cloud_client_cascades_the_slaves_and_brings_a_site_to_the_chair_through_the_relay()
    {
        using HttpClient http = relay.Client();
        var transport = new HttpRelayTransport(http);
        var client = new RelayClient(transport);
        var plan = new ConnectionPlan("sl-mcu-ppc", [new CascadeLink("sl-mcu-vnpt", "sl-mcu-ppc", 100)], 1);

        await client.CascadeAsync("meeting-7", "sl-mcu-ppc", plan, default);
        await client.BringToChairAsync("meeting-7", "sl-mcu-ppc", "sl-mcu-ppc", "sl-d-moc-chau", "r1", default);
        await client.BringToChairAsync("meeting-7", "sl-mcu-ppc", "sl-mcu-ppc", "sl-d-moc-chau", "r1", default); // an activity retried
        ConferenceStatus status = (await transport.ReadConferenceAsync("sl-mcu-ppc", "meeting-7", default))!;
        await client.BringToChairAsync("meeting-7", "sl-mcu-ppc", "sl-mcu-vnpt", "sl-c-moc-chau-03", "r2", default); // a commune on a slave
        int executed = relay.Mcu("sl-mcu-ppc").Executed;
        relay.Mcu("sl-mcu-vnpt").Down = true;
        var failure = await Assert.ThrowsAsync<RelayCommandFailedException>(() => client.CascadeAsync("meeting-8", "sl-mcu-ppc", new ConnectionPlan("sl-mcu-ppc", [new CascadeLink("sl-mcu-vnpt", "sl-mcu-ppc", 1)], 1), default));

        await client.MuteAsync("meeting-7", "sl-mcu-ppc", "sl-mcu-vnpt", true, "m1", default);
        await client.DisconnectAsync("meeting-7", "sl-mcu-ppc", "sl-mcu-vnpt", "d1", default);
        Assert.Equal(["sl-mcu-vnpt"], status.Participants);
        Assert.Equal("sl-d-moc-chau", status.OnChairScreen);
        Assert.Empty((await transport.ReadConferenceAsync("sl-mcu-ppc", "meeting-7", default))!.Participants);
        Assert.Null(await transport.ReadConferenceAsync("sl-mcu-ppc", "no-such-meeting", default));
        Assert.Equal("speakerOnly", relay.Mcu("sl-mcu-vnpt").Conference("meeting-7")!.Layout);
        Assert.Equal("sl-c-moc-chau-03", relay.Mcu("sl-mcu-vnpt").Conference("meeting-7")!.RoutedUp); // the slave sends the site up
        Assert.Equal("sl-mcu-vnpt", relay.Mcu("sl-mcu-ppc").Conference("meeting-7")!.OnChairScreen); // the master shows that cascade link
        Assert.Equal(3, executed); // cascade + one bring-to-chair (the retry did not run) + the second
        Assert.Contains("not reachable", failure.Message, StringComparison.Ordinal);
    }

    sealed class RecordingHandler(List<HttpRequestMessage> captured) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            captured.Add(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
