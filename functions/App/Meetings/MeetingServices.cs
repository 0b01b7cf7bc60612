using Azure.Data.Tables;
using Hntt.Domain.Policy;
using Hntt.TaskHub;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Hntt.App.Registry;
using Hntt.App.Relay;

namespace Hntt.App.Meetings;

/// <summary>Registers what the meeting workflow needs: the registry, the meeting store, notices and the relay.</summary>
internal static class MeetingServices
{
    /// <summary>
    /// The task hub with this assembly's orchestrations and activities, and what the meeting workflow needs; with
    /// <paramref name="runWorker"/> false only the client (the Functions app runs the workflow, see <see cref="ServiceApp"/>).
    /// </summary>
    public static IServiceCollection AddMeetingWorkflow(this IServiceCollection services, IConfiguration configuration, bool runWorker = true) =>
        services.AddDurableTaskHub(registry => registry.AddAllFrom(typeof(MeetingServices).Assembly), runWorker).AddMeetings(configuration);

    public static IServiceCollection AddMeetings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => StorageConnection.From(configuration, sp.GetRequiredService<IOptions<TaskHubOptions>>().Value.StorageProvider.Connection));
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().Tables());
        services.AddSingleton<IRegistry, TableRegistry>();
        services.AddSingleton<IMeetingStore, TableMeetingStore>();
        services.AddSingleton<IMeetingDirectory, TableMeetingDirectory>();
        services.AddSingleton<Inspections.IInspectionStore>(sp => new Inspections.TableInspectionStore(sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<StorageConnection>().Blobs()));
        services.AddSingleton<MeetingFloor>();
        services.AddSingleton<Reports.ReportReader>();
        services.AddSingleton<MeetingGate>();
        services.AddSingleton<MeetingService>();
        services.TryAddSingleton(PolicyCatalog.Shipped);
        services.AddSingleton(sp => MeetingSettings.From(configuration, sp.GetRequiredService<PolicyCatalog>()));
        // TH Art. 7.1: invitations and documents by official e-mail.
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpProductionValidator>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<INoticeOutbox, TableNoticeOutbox>();
        services.AddSingleton<INoticeSender, EmailNoticeSender>();
        services.AddRelayClient(configuration);
        services.AddHostedService<RegistrySeeder>();
        return services;
    }
}

/// <summary>Loads the preset named by <c>Registry:Preset</c> (ThanhHoa by default) when the stored registry is older than its seed file.</summary>
internal sealed class RegistrySeeder(IRegistry registry, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Domain.Registry.RegistryData seed = RegistrySeeds.Preset(configuration["Registry:Preset"] ?? "ThanhHoa");
        Domain.Registry.RegistryData stored = await registry.ReadAsync(cancellationToken);
        if (stored.Province != seed.Province || stored.Version < seed.Version)
        {
            await registry.LoadAsync(seed, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
