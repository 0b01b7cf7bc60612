using Hntt.Relay.Commands;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;
using Hntt.Relay.Security;
using Hntt.Relay.ServiceBus;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hntt.Relay;

/// <summary>Builds the relay: signed command API, audit, MCU drivers. Program.cs runs it; tests start it on a free port.</summary>
public static class RelayApp
{
    /// <summary>The relay application.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Installed as a service, the working directory is not the install folder: settings and audit live beside the binary.
            ContentRootPath = Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService() ? AppContext.BaseDirectory : null,
        });
        builder.Host.UseSystemd(); // Type=notify under systemd, journal-friendly logs; nothing otherwise
        builder.Host.UseWindowsService(o => o.ServiceName = "HnttRelay"); // a Windows service when started by the SCM; nothing otherwise
        builder.Services.AddOptions<RelayOptions>().BindConfiguration(RelayOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<RelayOptions>, RelayOptionsValidator>();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SignatureVerifier>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<CommandDispatcher>();
        builder.Services.AddSingleton<CommandIntake>();
        builder.Services.AddSingleton<IEnumerable<IMcuDriverRegistration>>(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RelayOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return options.Mcus.Select(m => (IMcuDriverRegistration)new McuDriverRegistration(m.Id, m.Driver switch
            {
                "Simulator" => new SimulatedMcu(m.Id, m.SimulatedLatency, time),
                "Cms" => new CmsMcuDriver(m.Id, new HttpClient
                {
                    BaseAddress = m.BaseUrl ?? throw new InvalidOperationException($"Relay:Mcus: MCU '{m.Id}' needs a BaseUrl."),
                    DefaultRequestHeaders = { Authorization = CmsMcuDriver.Basic(m.User ?? string.Empty, m.Password ?? string.Empty) },
                }, m.DialDomain),
                _ => throw new InvalidOperationException($"Relay:Mcus: unknown driver '{m.Driver}' for MCU '{m.Id}'."),
            })).ToList();
        });
        // Commands over Service Bus as well, when configured: the relay opens an outbound connection, no inbound port.
        builder.Services.AddOptions<RelayServiceBusOptions>().BindConfiguration(RelayServiceBusOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<RelayServiceBusOptions>, RelayServiceBusOptionsValidator>();
        configure?.Invoke(builder);
        if (builder.Configuration.GetSection(RelayServiceBusOptions.Section).Get<RelayServiceBusOptions>() is { IsConfigured: true })
        {
            builder.Services.TryAddSingleton(sp => RelayServiceBusClients.Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RelayServiceBusOptions>>().Value));
            builder.Services.AddHostedService<CommandQueueListener>();
        }

        WebApplication app = builder.Build();
        app.Services.GetRequiredService<SignatureVerifier>(); // made now: it refuses whatever was signed before this moment
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "up" }));
        app.MapPost("/commands", ExecuteAsync);
        app.MapGet("/mcus/{mcuId}/conferences/{conference}", ReadAsync);
        return app;
    }

    static async Task<IResult> ReadAsync(string mcuId, string conference, HttpContext http, SignatureVerifier verifier, IEnumerable<IMcuDriverRegistration> drivers)
    {
        var (caller, reason) = await verifier.VerifyAsync(http.Request);
        if (caller is null)
        {
            return TypedResults.Problem(title: "Request not accepted", detail: reason, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (drivers.FirstOrDefault(d => d.McuId == mcuId) is not { } mcu)
        {
            return TypedResults.Problem(title: "Unknown MCU", detail: $"No MCU '{mcuId}' is configured on this relay.", statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            return await mcu.Driver.ReadAsync(conference, http.RequestAborted) is { } status
                ? TypedResults.Ok(status)
                : TypedResults.Problem(title: "Unknown conference", detail: $"MCU '{mcuId}' has no conference '{conference}'.", statusCode: StatusCodes.Status404NotFound);
        }
        catch (McuException ex)
        {
            return TypedResults.Problem(title: "MCU failed", detail: ex.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    static async Task<IResult> ExecuteAsync(HttpContext http, SignatureVerifier verifier, CommandIntake intake)
    {
        var (caller, reason) = await verifier.VerifyAsync(http.Request);
        if (caller is null)
        {
            return TypedResults.Problem(title: "Request not accepted", detail: reason, statusCode: StatusCodes.Status401Unauthorized);
        }

        RelayCommandRequest? command;
        try
        {
            command = await http.Request.ReadFromJsonAsync<RelayCommandRequest>();
        }
        catch (System.Text.Json.JsonException)
        {
            command = null;
        }

        return await intake.RunAsync(caller, command) switch
        {
            Intake.Executed { Result: { Succeeded: true } result } => TypedResults.Ok(result),
            Intake.Executed { Result: var failed } => TypedResults.Json(failed, statusCode: StatusCodes.Status502BadGateway),
            Intake.Malformed malformed => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["command"] = [malformed.Reason] }),
            var other => throw new InvalidOperationException($"Unexpected intake {other}."),
        };
    }
}
