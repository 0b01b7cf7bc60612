using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Http;

/// <summary>Meetings: submit, list, read, cancel, move; their notices and the emergency call list.</summary>
public sealed class MeetingFunctions(ApiFrontDoor api)
{
    [Function("SubmitMeeting")]
    public IResult SubmitMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListMeetings")]
    public IResult ListMeetings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/meetings")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("GetMeeting")]
    public IResult GetMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/meetings/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("CancelMeeting")]
    public IResult CancelMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("RescheduleMeeting")]
    public IResult RescheduleMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/reschedule")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ListNotices")]
    public IResult ListNotices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/meetings/{id}/notices")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("ReadCallList")]
    public IResult ReadCallList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/meetings/{id}/call-list")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);

    [Function("TickCall")]
    public IResult TickCall([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/meetings/{id}/call-list/{noticeId}/called")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        api.Handle(request, client);
}
