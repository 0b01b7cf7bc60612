using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>The runtime management API answers as the Durable Functions HTTP API does.</summary>
public sealed class RuntimeApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    ApiHost Host => fixture.Host;

    DurableTaskClient Client => Host.Services.GetRequiredService<DurableTaskClient>();

    async Task<string> StartAsync(string id, int reminders)
    {
        await Client.ScheduleNewOrchestrationInstanceAsync("RuntimeDemo", reminders, new StartOrchestrationOptions(id));
        if (reminders == 0)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Client.WaitForInstanceCompletionAsync(id, patience.Token);
        }
        else
        {
            await Client.WaitForInstanceStartAsync(id);
        }

        return id;
    }

    [Fact]
    public async Task Status_is_202_while_running_200_when_finished_404_when_unknown_with_history_on_request()
    {
        using HttpClient ops = Host.As(Roles.Ops);
        await StartAsync("rt-running", 5);
        await StartAsync("rt-done", 0);

        using HttpResponseMessage running = await ops.GetAsync("runtime/instances/rt-running");
        using HttpResponseMessage done = await ops.GetAsync("runtime/instances/rt-done?showHistory=true&showHistoryOutput=true");
        using HttpResponseMessage noInput = await ops.GetAsync("runtime/instances/rt-done?showInput=false");
        using HttpResponseMessage unknown = await ops.GetAsync("runtime/instances/rt-nobody");

        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal("Running", (await running.BodyAsync()).GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        JsonElement body = await done.BodyAsync();
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("0 reminders sent", body.GetProperty("output").GetString());
        Assert.Equal(0, body.GetProperty("input").GetInt32());
        string[] events = [.. body.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()!)];
        Assert.Equal("ExecutionStarted", events[0]);
        Assert.Equal("ExecutionCompleted", events[^1]);
        Assert.Equal(JsonValueKind.Null, (await noInput.BodyAsync()).GetProperty("input").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Query_filters_by_status_name_and_prefix_and_pages_with_the_continuation_header()
    {
        using HttpClient auditor = Host.As(Roles.Auditor);
        for (int i = 0; i < 3; i++)
        {
            await StartAsync($"rt-q-{i}", 0);
        }

        using HttpResponseMessage page1 = await auditor.GetAsync("runtime/instances?instanceIdPrefix=rt-q-&runtimeStatus=Completed&name=RuntimeDemo&top=2");
        using var next = new HttpRequestMessage(HttpMethod.Get, "runtime/instances?instanceIdPrefix=rt-q-&runtimeStatus=Completed&name=RuntimeDemo&top=2");
        next.Headers.Add("x-ms-continuation-token", page1.Headers.GetValues("x-ms-continuation-token").Single());
        using HttpResponseMessage page2 = await auditor.SendAsync(next);
        using HttpResponseMessage running = await auditor.GetAsync("runtime/instances?instanceIdPrefix=rt-q-&runtimeStatus=Running");
        using HttpResponseMessage badStatus = await auditor.GetAsync("runtime/instances?runtimeStatus=Sleeping");

        string[] ids = [.. (await page1.BodyAsync()).EnumerateArray().Concat((await page2.BodyAsync()).EnumerateArray()).Select(i => i.GetProperty("instanceId").GetString()!)];
        Assert.Equal(["rt-q-0", "rt-q-1", "rt-q-2"], ids.Order());
        Assert.False(page2.Headers.Contains("x-ms-continuation-token"));
        Assert.Equal(0, (await running.BodyAsync()).GetArrayLength());
        Assert.Contains(("runtimeStatus", "oneOf"), await badStatus.ErrorsAsync());
    }

    [Fact]
    public async Task Raise_terminate_suspend_and_resume_answer_202_404_and_410()
    {
        using HttpClient ops = Host.As(Roles.Ops);
        await StartAsync("rt-control", 5);
        await StartAsync("rt-finished", 0);

        using HttpResponseMessage raised = await ops.PostAsJsonAsync("runtime/instances/rt-control/raiseEvent/Poke", new { by = "ops" });
        using HttpResponseMessage unknown = await ops.PostAsJsonAsync("runtime/instances/rt-ghost/raiseEvent/Poke", new { });
        using HttpResponseMessage gone = await ops.PostAsJsonAsync("runtime/instances/rt-finished/raiseEvent/Poke", new { });
        using HttpResponseMessage notJson = await ops.PostAsync("runtime/instances/rt-control/raiseEvent/Poke", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));
        using HttpResponseMessage notACommand = await ops.PostAsJsonAsync("runtime/instances/rt-control/raiseEvent/Control", new { action = "Dance" });
        using HttpResponseMessage suspended = await ops.PostAsync("runtime/instances/rt-control/suspend?reason=kiểm tra", null);
        await WaitForAsync("rt-control", OrchestrationRuntimeStatus.Suspended);
        using HttpResponseMessage resumed = await ops.PostAsync("runtime/instances/rt-control/resume", null);
        await WaitForAsync("rt-control", OrchestrationRuntimeStatus.Running);
        using HttpResponseMessage terminated = await ops.PostAsync("runtime/instances/rt-control/terminate?reason=thử nghiệm", null);
        await WaitForAsync("rt-control", OrchestrationRuntimeStatus.Terminated);
        using HttpResponseMessage terminatedAgain = await ops.PostAsync("runtime/instances/rt-control/terminate", null);

        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains(("body", "json"), await notJson.ErrorsAsync());
        Assert.Contains(("action", "oneOf"), await notACommand.ErrorsAsync()); // a meeting's Control event takes commands only
        Assert.Equal(HttpStatusCode.Accepted, suspended.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, terminatedAgain.StatusCode);
        JsonElement history = await (await ops.GetAsync("runtime/instances/rt-control?showHistory=true&showHistoryOutput=true")).BodyAsync();
        Assert.Contains(history.GetProperty("historyEvents").EnumerateArray(), e => e.GetProperty("eventType").GetString() == "EventRaised" && e.GetProperty("name").GetString() == "Poke");
        Assert.Equal("thử nghiệm", history.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Purge_refuses_a_running_instance_with_412_and_purges_finished_ones_one_by_one_or_by_filter()
    {
        using HttpClient admin = Host.As(Roles.Admin);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await StartAsync("rt-purge-running", 5);
        await StartAsync("rt-purge-one", 0);
        await StartAsync("rt-purge-a", 0);
        await StartAsync("rt-purge-b", 0);

        using HttpResponseMessage running = await admin.DeleteAsync("runtime/instances/rt-purge-running");
        using HttpResponseMessage one = await admin.DeleteAsync("runtime/instances/rt-purge-one");
        using HttpResponseMessage again = await admin.DeleteAsync("runtime/instances/rt-purge-one");
        using HttpResponseMessage noFrom = await admin.DeleteAsync("runtime/instances?runtimeStatus=Completed");
        using HttpResponseMessage runningFilter = await admin.DeleteAsync($"runtime/instances?createdTimeFrom={Uri.EscapeDataString(before.ToString("o"))}&runtimeStatus=Running");
        using HttpResponseMessage many = await admin.DeleteAsync($"runtime/instances?createdTimeFrom={Uri.EscapeDataString(before.ToString("o"))}&runtimeStatus=Completed");

        Assert.Equal(HttpStatusCode.PreconditionFailed, running.StatusCode);
        Assert.Equal(1, (await one.BodyAsync()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains(("createdTimeFrom", "required"), await noFrom.ErrorsAsync());
        Assert.Contains(("runtimeStatus", "finished"), await runningFilter.ErrorsAsync());
        Assert.True((await many.BodyAsync()).GetProperty("instancesDeleted").GetInt32() >= 2);
        Assert.Null(await Client.GetInstanceAsync("rt-purge-a"));
        Assert.NotNull(await Client.GetInstanceAsync("rt-purge-running"));
    }

    [Fact]
    public async Task Restart_starts_a_finished_instance_again_and_refuses_a_running_or_unknown_one()
    {
        using HttpClient ops = Host.As(Roles.Ops);
        await StartAsync("rt-restart-done", 0);
        await StartAsync("rt-restart-running", 5);

        using HttpResponseMessage restarted = await ops.PostAsync("runtime/instances/rt-restart-done/restart", null);
        using HttpResponseMessage running = await ops.PostAsync("runtime/instances/rt-restart-running/restart", null);
        using HttpResponseMessage unknown = await ops.PostAsync("runtime/instances/rt-restart-nobody/restart", null);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Hntt.Testing.Eventually.HoldsAsync(async () => (await Client.GetOrchestrationHistoryAsync("rt-restart-done")).Count > 0
            && (await Client.GetInstanceAsync("rt-restart-done"))!.IsCompleted, TimeSpan.FromSeconds(30), "the restarted instance finishes");

        Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        Assert.Equal("rt-restart-done", (await restarted.BodyAsync()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("0 reminders sent", (await Client.GetInstanceAsync("rt-restart-done", getInputsAndOutputs: true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Poison_messages_the_provider_reports_are_kept_and_listed_for_ops_with_their_instance()
    {
        using HttpClient ops = Host.As(Roles.Ops);
        // What the Azure Storage provider logs when a message has failed long enough (its event 109); reaching it for
        // real takes ten failed attempts over seventeen minutes.
        ILogger providerLog = Host.Services.GetRequiredService<AzureStorageTaskHub>().Settings.LoggerFactory.CreateLogger("DurableTask.AzureStorage");
        var report = new Dictionary<string, object>
        {
            ["InstanceId"] = "rt-poisoned", ["ExecutionId"] = "e1", ["EventType"] = "EventRaised", ["MessageId"] = "m-1",
            ["PartitionId"] = "api-control-02", ["DequeueCount"] = 11L,
        };
        providerLog.Log(LogLevel.Warning, new EventId(109, "PoisonMessageDetected"), (IReadOnlyDictionary<string, object>)report, null, (_, _) => "poison");

        await Hntt.Testing.Eventually.HoldsAsync(async () => (await ops.GetFromJsonAsync<JsonElement>("runtime/poison")).EnumerateArray()
            .Any(m => m.GetProperty("instanceId").GetString() == "rt-poisoned"), TimeSpan.FromSeconds(30), "the report is kept");
        JsonElement listed = (await ops.GetFromJsonAsync<JsonElement>("runtime/poison")).EnumerateArray().Single(m => m.GetProperty("instanceId").GetString() == "rt-poisoned");

        Assert.Equal(("m-1", "EventRaised", "api-control-02", 11), (listed.GetProperty("messageId").GetString(), listed.GetProperty("eventType").GetString(),
            listed.GetProperty("queue").GetString(), listed.GetProperty("dequeueCount").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.As(Roles.Coordinator, "th-ubnd").GetAsync("runtime/poison")).StatusCode);
    }

    async Task WaitForAsync(string id, OrchestrationRuntimeStatus status) =>
        await Hntt.Testing.Eventually.HoldsAsync(async () => (await Client.GetInstanceAsync(id))?.RuntimeStatus == status, TimeSpan.FromSeconds(30), $"{id} is {status}");
}
