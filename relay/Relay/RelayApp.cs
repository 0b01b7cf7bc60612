using Hntt.Relay.Commands;
using Hntt.Relay.Mcu;
using Hntt.Relay.Protocol;
using Hntt.Relay.Security;

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
        configure?.Invoke(builder);
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

    static async Task<IResult> ExecuteAsync(HttpContext http, SignatureVerifier verifier, CommandDispatcher dispatcher, AuditLog audit, TimeProvider time)
    {
        var (caller, reason) = await verifier.VerifyAsync(http.Request);
        if (caller is null)
        {
            return TypedResults.Problem(title: "Request not accepted", detail: reason, statusCode: StatusCodes.Status401Unauthorized);
        }

        RelayCommandRequest? command = await http.Request.ReadFromJsonAsync<RelayCommandRequest>();
        if (command is null || string.IsNullOrWhiteSpace(command.IdempotencyKey) || !RelayCommandNames.All.Contains(command.Command))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["command"] = [$"A command needs an idempotencyKey, an mcuId and one of: {string.Join(", ", RelayCommandNames.All)}."],
            });
        }

        RelayCommandResult result = await dispatcher.ExecuteAsync(caller, command);
        await audit.WriteAsync(time.GetUtcNow(), caller, command, result);
        return result.Succeeded ? TypedResults.Ok(result) : TypedResults.Json(result, statusCode: StatusCodes.Status502BadGateway);
    }
}
