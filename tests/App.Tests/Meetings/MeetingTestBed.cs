using Hntt.App.Meetings;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Microsoft.Extensions.Options;
using Hntt.App.Registry;
using Hntt.App.Relay;
using Hntt.Domain.Meetings;
using Hntt.Domain.Policy;
using Hntt.Domain.Registry;
using Hntt.TaskHub;
using Hntt.Testing.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Hntt.Testing.Service;

namespace Hntt.App.Tests.Meetings;

/// <summary>The meeting workflow on the Durable Task Framework's worker in memory with a virtual clock, its stand-ins recording what it sends.</summary>
internal sealed class MeetingTestBed : IAsyncDisposable
{
    /// <summary>A bed whose notices are recorded, or sent by e-mail through <paramref name="mail"/> with an in-memory outbox.</summary>
    public MeetingTestBed(RegistryData registry, DateTime localNow, IMailTransport? mail = null)
    {
        Registry = new InMemoryRegistry(registry);
        Host = new VirtualTimeHost(r => r.AddAllFrom(typeof(MeetingOrchestration).Assembly),
            new DateTimeOffset(VietnamTime.ToUtc(localNow), TimeSpan.Zero), time =>
            {
                Notices = new RecordingNoticeSender(time);
                Relay = new RecordingRelayClient(time);
                INoticeSender sender = mail is null ? Notices : new EmailNoticeSender(mail, Outbox, Options.Create(new SmtpOptions()), time);
                return new ServiceCollection().AddLogging().AddSingleton(time).AddSingleton<IRegistry>(Registry)
                    .AddSingleton<IMeetingDirectory>(Directory).AddSingleton<IMeetingStore>(Store).AddSingleton(sender).AddSingleton<IRelayClient>(Relay)
                    .AddTransient(_ => Rules) // read at each step: a test can ship "a new build" mid-way
                    .BuildServiceProvider();
            });
    }

    /// <summary>The policy presets of the build that runs the next step.</summary>
    public PolicyCatalog Rules { get; set; } = PolicyCatalog.Shipped;

    /// <summary>The outbox, when notices go by e-mail.</summary>
    public InMemoryNoticeOutbox Outbox { get; } = new();

    public VirtualTimeHost Host { get; }

    /// <summary>The floor service as the technicians' pages use it, on the virtual clock.</summary>
    public MeetingFloor Floor => new(Store, Directory, Registry, Relay, Host.Client, Host.TimeProvider);

    public InMemoryMeetingDirectory Directory { get; } = new();

    public InMemoryRegistry Registry { get; }

    public InMemoryMeetingStore Store { get; } = new();

    public RecordingNoticeSender Notices { get; private set; } = null!;

    public RecordingRelayClient Relay { get; private set; } = null!;

    /// <summary>The virtual clock's local time.</summary>
    public DateTime LocalNow => VietnamTime.ToLocal(Host.Now.UtcDateTime);

    /// <summary>Starts a meeting; <paramref name="version"/> starts it as an older orchestration version would have been.</summary>
    public Task<string> SubmitAsync(MeetingRequest request, string id = "meeting-1", string policy = "ThanhHoa", string? version = null) =>
        Host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MeetingOrchestration), new MeetingInput(id, request, policy),
            new StartOrchestrationOptions(id) { Version = version is null ? null : new TaskVersion(version) });

    /// <summary>Runs the workflow until the given local time (timers up to it fire).</summary>
    public Task RunUntilAsync(DateTime local) => Host.RunUntilIdleAsync(new DateTimeOffset(VietnamTime.ToUtc(local), TimeSpan.Zero));

    public async Task<MeetingOutcome> RunToEndAsync(string id = "meeting-1") =>
        (await Host.RunUntilCompletedAsync(id)).ReadOutputAs<MeetingOutcome>()!;

    public async Task<MeetingStatus> StatusAsync(string id = "meeting-1") =>
        (await Host.Client.GetInstanceAsync(id))!.ReadCustomStatusAs<MeetingStatus>()!;

    /// <summary>Every site but <paramref name="silent"/> reports a passing result for the stage, now.</summary>
    public async Task ReportAllAsync(ReadinessStage stage, params string[] silent)
    {
        foreach (MeetingSite site in await Store.ReadSitesAsync("meeting-1", CancellationToken.None))
        {
            if (site.Role == SiteRole.Satellite && !silent.Contains(site.SiteId))
            {
                await Store.RecordAsync("meeting-1", site.SiteId, stage, new SiteCheck(true, true, "tốt", Host.Now.UtcDateTime), CancellationToken.None);
            }
        }
    }

    public Task SendAsync(MeetingCommand command, string id = "meeting-1") => Host.Client.SendAsync(id, command, CancellationToken.None);

    /// <summary>Local times at which notices of a kind went out.</summary>
    public IReadOnlyList<DateTime> SentAt(NoticeKind kind) =>
        Notices.Sent.Where(n => n.Notice.Kind == kind).Select(n => VietnamTime.ToLocal(n.SentAt.UtcDateTime)).Distinct().ToList();

    public IReadOnlyList<Notice> Sent(NoticeKind kind) => Notices.Sent.Where(n => n.Notice.Kind == kind).Select(n => n.Notice).ToList();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
