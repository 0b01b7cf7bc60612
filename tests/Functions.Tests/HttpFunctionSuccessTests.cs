using System.Globalization;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using Hntt.Functions.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Hntt.Functions.Tests;

/// <summary>
/// The HTTP functions doing their work: each family's success path through its function method, on real storage
/// (Azurite) with the Functions host's durable client mocked — what the client is asked to do is what is verified.
/// </summary>
public sealed class HttpFunctionSuccessTests(FunctionsFixture fixture) : IClassFixture<FunctionsFixture>
{
    FunctionsApp App => fixture.App;

    // The answer, when it has the status; otherwise a failure showing what came instead.
    static Answer Is(int status, Answer answer)
    {
        Assert.True(answer.Status == status, $"{answer.Status} (expected {status}): {answer.Body}");
        return answer;
    }

    // An instance as a client returns it: a gRPC client (the Functions host's) reads no status or input without the flag.
    static OrchestrationMetadata Instance(string id, OrchestrationRuntimeStatus status, bool withData = true) => new(nameof(MeetingOrchestration), id)
    {
        RuntimeStatus = status,
        CreatedAt = DateTimeOffset.UtcNow,
        LastUpdatedAt = DateTimeOffset.UtcNow,
        DataConverter = withData ? JsonDataConverter.Default : null,
    };

    void Instances(params (string Id, OrchestrationRuntimeStatus Status)[] instances)
    {
        App.Client.Setup(c => c.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool withData, CancellationToken _) =>
                instances.Any(i => i.Id == id) ? Instance(id, instances.First(i => i.Id == id).Status, withData) : null);
        App.Client.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Returns(Pageable.Create((string? _, int? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>([.. instances.Select(i => Instance(i.Id, i.Status))], null))));
    }

    static string MeetingBody(int days)
    {
        DateTime start = VietnamTime.ToLocal(DateTime.UtcNow).Date.AddDays(days).AddHours(8);
        return JsonSerializer.Serialize(new
        {
            hostUnitId = "th-ubnd",
            title = "Giao ban trực tuyến UBND tỉnh",
            kind = "Planned",
            localStart = start.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            localEnd = start.AddHours(3).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            sites = new { allDistricts = true },
        });
    }

    // Submits through the function and returns the id and the input the orchestration was started with.
    async Task<(string Id, MeetingInput Input)> SubmitAsync(int days)
    {
        MeetingInput? started = null;
        App.Client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName _, object? input, StartOrchestrationOptions? _, CancellationToken _) => started = (MeetingInput)input!)
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);
        Answer answer = await App.CallAsync("SubmitMeeting", "POST", "/api/meetings", App.Token(Roles.Coordinator, "th-ubnd"), MeetingBody(days));
        Assert.True(answer.Status == 202, answer.Body);
        string id = answer.Json.GetProperty("id").GetString()!;
        Assert.EndsWith($"/api/meetings/{id}", answer.Location, StringComparison.Ordinal);
        App.Client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(new TaskName(nameof(MeetingOrchestration)), It.IsAny<object?>(),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == id), It.IsAny<CancellationToken>()));
        return (id, started!);
    }

    [Fact]
    public async Task Probes_and_the_API_description_answer_anonymously()
    {
        Instances();
        Assert.Equal("up", (await App.CallAsync("Liveness", "GET", "/healthz")).Json.GetProperty("status").GetString());
        Assert.Equal("ready", (await App.CallAsync("Readiness", "GET", "/readyz")).Json.GetProperty("status").GetString()); // asks the hub through the bound client
        JsonElement openApi = (await App.CallAsync("OpenApiDocument", "GET", "/openapi/v1.json")).Json;
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/meetings", out _));
        Assert.True(openApi.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
        Answer page = await App.CallAsync("ApiReference", "GET", "/api/docs/");
        Assert.True(page.Status == 200, $"{page.Status} {page.Location}");
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_is_submitted_planned_by_its_activity_read_listed_moved_and_cancelled()
    {
        var (id, input) = await SubmitAsync(days: 5);

        // The orchestration's first activity, through its function with a mocked invocation context, on real storage.
        await using AsyncServiceScope scope = App.Services.CreateAsyncScope();
        PlanResult plan = await ActivityFunctions.RunPlanMeeting(input, id, FunctionsApp.Invocation(scope.ServiceProvider).Object);
        Assert.Empty(plan.Errors);
        Assert.NotNull(plan.Summary);

        Instances((id, OrchestrationRuntimeStatus.Running));
        string coordinator = App.Token(Roles.Coordinator, "th-ubnd");
        JsonElement meeting = Is(200, await App.CallAsync("GetMeeting", "GET", $"/api/meetings/{id}", coordinator)).Json;
        Assert.Equal(id, meeting.GetProperty("meeting").GetProperty("id").GetString());
        Assert.True(meeting.GetProperty("siteTotal").GetInt32() > 20, "the plan's rooms are read back");
        JsonElement list = (await App.CallAsync("ListMeetings", "GET", "/api/meetings?hostUnitId=th-ubnd", coordinator)).Json;
        Assert.Contains(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetString() == id);
        Is(200, await App.CallAsync("ListNotices", "GET", $"/api/meetings/{id}/notices", coordinator));
        Is(200, await App.CallAsync("ReadCallList", "GET", $"/api/meetings/{id}/call-list", coordinator));
        Is(200, await App.CallAsync("ListSpeakingRequests", "GET", $"/api/meetings/{id}/chair/speaking-requests", coordinator));
        Is(200, await App.CallAsync("ListIncidents", "GET", $"/api/meetings/{id}/chair/incidents", coordinator));

        // Moving it reads the running orchestration's input (the request), as a gRPC client returns it when asked for it.
        App.Client.Setup(c => c.GetInstancesAsync(id, true, It.IsAny<CancellationToken>())).ReturnsAsync(new OrchestrationMetadata(nameof(MeetingOrchestration), id)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            DataConverter = JsonDataConverter.Default,
            SerializedInput = JsonDataConverter.Default.Serialize(input),
        });
        DateTime moved = input.Request.LocalStart.AddDays(10); // a day no other test books its rooms (TH Art. 4.2 refuses a double booking)
        string move = JsonSerializer.Serialize(new { localStart = moved.ToString("s", CultureInfo.InvariantCulture), localEnd = moved.AddHours(3).ToString("s", CultureInfo.InvariantCulture) });
        Is(202, await App.CallAsync("RescheduleMeeting", "POST", $"/api/meetings/{id}/reschedule", coordinator, move));
        Is(202, await App.CallAsync("CancelMeeting", "POST", $"/api/meetings/{id}/cancel", coordinator, """{"reason": "Lãnh đạo bận đột xuất"}"""));
        foreach (string action in new[] { "Reschedule", "Cancel" })
        {
            App.Client.Verify(c => c.RaiseEventAsync(id, MeetingCommand.EventName, It.Is<object?>(e => e!.ToString()!.Contains($"\"{action}\"", StringComparison.Ordinal)),
                It.IsAny<CancellationToken>()), Times.Once);
        }
    }

    [Fact]
    public async Task A_rooms_technician_reports_through_the_site_functions_and_the_chair_room_gives_the_floor()
    {
        var (id, input) = await SubmitAsync(days: 6);
        await using (AsyncServiceScope scope = App.Services.CreateAsyncScope())
        {
            Assert.Empty((await ActivityFunctions.RunPlanMeeting(input, id, FunctionsApp.Invocation(scope.ServiceProvider).Object)).Errors);
        }

        Instances((id, OrchestrationRuntimeStatus.Running));
        string room = "th-d-sam-son", technician = App.Token(Roles.Technician, room), site = $"/api/meetings/{id}/sites/{room}";
        Is(204, await App.CallAsync("ReportTestCall", "POST", $"{site}/tests/first", technician, """{"audio": true, "video": true, "notes": "Âm thanh, hình ảnh tốt"}"""));
        Is(204, await App.CallAsync("ConfirmReadiness", "POST", $"{site}/readiness", technician, """{"notes": "Sẵn sàng"}"""));
        Is(204, await App.CallAsync("RequestFloor", "POST", $"{site}/speaking-requests", technician, """{"topic": "Báo cáo tiến độ"}"""));
        Answer incident = Is(201, await App.CallAsync("ReportIncident", "POST", $"{site}/incidents", technician, """{"kind": "DegradedAudio", "description": "Mất tiếng"}"""));
        string incidentId = incident.Json.GetProperty("id").GetString()!;
        Is(204, await App.CallAsync("ResolveIncident", "POST", $"{site}/incidents/{incidentId}/resolve", technician, """{"resolution": "Thay micro"}"""));
        Assert.Contains((await App.CallAsync("ListSpeakingRequests", "GET", $"/api/meetings/{id}/chair/speaking-requests", technician)).Json.EnumerateArray(),
            r => r.GetProperty("siteId").GetString() == room);

        string ops = App.Token(Roles.Ops);
        Is(204, await App.CallAsync("GrantFloor", "POST", $"/api/meetings/{id}/chair/speaking-requests/{room}/grant", ops));
        // No relay is configured here: the switch is accepted and recorded as failed, never as done (fail closed).
        Is(202, await App.CallAsync("BringSiteToChair", "POST", $"/api/meetings/{id}/chair/bring-to-chair", ops, $$"""{"siteId": "{{room}}"}"""));
        App.Client.Verify(c => c.RaiseEventAsync(id, MeetingCommand.EventName,
            It.Is<object?>(e => e!.ToString()!.Contains("ChairSwitched", StringComparison.Ordinal) && e.ToString()!.Contains("-1", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_registry_is_read_and_a_technician_added_and_replaced()
    {
        string dic = App.Token(Roles.Dic);
        foreach (var (function, path) in new[]
        {
            ("ListUnits", "/api/registry/units"), ("ListSites", "/api/registry/sites"), ("ListMcus", "/api/registry/mcus"),
            ("ListTechnicians", "/api/registry/technicians?active=true"),
        })
        {
            Answer answer = await App.CallAsync(function, "GET", path, dic);
            Assert.True(answer.Status == 200 && answer.Json.GetArrayLength() > 0, $"{function}: {answer.Status} {answer.Body}");
        }

        Assert.Equal("th-d-thanh-hoa", (await App.CallAsync("GetSite", "GET", "/api/registry/sites/th-d-thanh-hoa", dic)).Json.GetProperty("site").GetProperty("id").GetString());
        Is(200, await App.CallAsync("ListBookings", "GET", "/api/registry/sites/th-d-thanh-hoa/bookings", dic));
        Is(200, await App.CallAsync("ReadLogbook", "GET", "/api/sites/th-d-thanh-hoa/logbook", dic));

        string technician = """{"id": "%ID%", "siteId": "th-d-thanh-hoa", "name": "Lê Văn Hùng", "unitId": "th-stttt", "title": "Kỹ thuật viên", "phone": "0912 345 678", "email": "hung@thanhhoa.gov.vn", "affiliation": "PartyCommittee"}""";
        Answer added = await App.CallAsync("AddTechnician", "POST", "/api/registry/technicians", dic, technician.Replace("%ID%", "fn-kt-1", StringComparison.Ordinal));
        Assert.True(added.Status == 201, added.Body);
        Answer replaced = await App.CallAsync("ReplaceTechnician", "POST", "/api/registry/technicians/fn-kt-1/replace", dic, technician.Replace("%ID%", "fn-kt-2", StringComparison.Ordinal));
        Assert.True(replaced.Status is 200 or 201, replaced.Body);
        Assert.False(replaced.Json.GetProperty("replaced").GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Ops_manage_instances_through_the_bound_client()
    {
        Instances(("running-1", OrchestrationRuntimeStatus.Running), ("done-1", OrchestrationRuntimeStatus.Completed));
        App.Client.Setup(c => c.PurgeInstanceAsync("done-1", It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new PurgeResult(1));
        App.Client.Setup(c => c.PurgeAllInstancesAsync(It.IsAny<PurgeInstancesFilter>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new PurgeResult(3));
        App.Client.Setup(c => c.RestartAsync("done-1", false, It.IsAny<CancellationToken>())).ReturnsAsync("done-1");
        App.Client.Setup(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        string ops = App.Token(Roles.Ops);

        Answer running = await App.CallAsync("GetInstance", "GET", "/runtime/instances/running-1", ops);
        Assert.True(running.Status == 202, running.Body);
        Is(200, await App.CallAsync("GetInstance", "GET", "/runtime/instances/done-1", ops));
        Assert.Equal(2, (await App.CallAsync("QueryInstances", "GET", "/runtime/instances", ops)).Json.GetArrayLength());
        Is(202, await App.CallAsync("RaiseEvent", "POST", "/runtime/instances/running-1/raiseEvent/Approval", ops, """{"approved": true}"""));
        Is(202, await App.CallAsync("SuspendInstance", "POST", "/runtime/instances/running-1/suspend?reason=check", ops));
        Is(202, await App.CallAsync("ResumeInstance", "POST", "/runtime/instances/running-1/resume?reason=checked", ops));
        Is(202, await App.CallAsync("TerminateInstance", "POST", "/runtime/instances/running-1/terminate?reason=stuck", ops));
        Assert.Equal(1, (await App.CallAsync("PurgeInstance", "DELETE", "/runtime/instances/done-1", ops)).Json.GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(3, (await App.CallAsync("PurgeInstances", "DELETE", "/runtime/instances?createdTimeFrom=2026-01-01T00:00:00Z", ops)).Json.GetProperty("instancesDeleted").GetInt32());
        Is(202, await App.CallAsync("RestartInstance", "POST", "/runtime/instances/done-1/restart", ops));
        Is(200, await App.CallAsync("ListPoisonMessages", "GET", "/runtime/poison", ops));

        App.Client.Verify(c => c.RaiseEventAsync("running-1", "Approval", It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Once);
        App.Client.Verify(c => c.SuspendInstanceAsync("running-1", "check", It.IsAny<CancellationToken>()), Times.Once);
        App.Client.Verify(c => c.ResumeInstanceAsync("running-1", "checked", It.IsAny<CancellationToken>()), Times.Once);
        App.Client.Verify(c => c.TerminateInstanceAsync("running-1", It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
        App.Client.Verify(c => c.RestartAsync("done-1", false, It.IsAny<CancellationToken>()), Times.Once);

        // What ops did is in the audit, written by the same middleware as on the local host.
        JsonElement audit = (await App.CallAsync("ReadAudit", "GET", "/api/audit?target=/runtime/instances/running-1", App.Token(Roles.Auditor))).Json;
        Assert.Contains(audit.EnumerateArray(), row => row.GetProperty("target").GetString()!.EndsWith("/terminate", StringComparison.Ordinal));
    }
}
