using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hntt.App.Api.Security;
using Hntt.App.Notices;
using Hntt.Testing;
using Hntt.Testing.Service;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moq;

namespace Hntt.Functions.Tests;

/// <summary>An HTTP answer as a function wrote it.</summary>
public sealed record Answer(int Status, string ContentType, string Body, string? Location = null)
{
    /// <summary>The body as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The problem's errors by field.</summary>
    public IReadOnlyList<string> ErrorFields => Json.TryGetProperty("errors", out JsonElement errors) ? [.. errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()!)] : [];
}

/// <summary>
/// The Functions worker's services as <c>Program</c> composes them (host.json, the example local settings, the
/// application on a private Azurite), started as a host so every setting is checked, with the Functions host's
/// parts replaced by Moq: the durable client the <c>[DurableClient]</c> binding would pass, and the invocation's
/// <see cref="FunctionContext"/>. <see cref="CallAsync"/> calls a function method as the worker would.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    readonly IHost host;
    readonly AuthOptions auth;
    readonly AzuriteServer azurite;

    FunctionsApp(IHost host, AuthOptions auth, AzuriteServer azurite)
    {
        this.host = host;
        this.auth = auth;
        this.azurite = azurite;
    }

    /// <summary>The worker's services.</summary>
    public IServiceProvider Services => host.Services;

    /// <summary>The client the Functions host would bind.</summary>
    public Mock<DurableTaskClient> Client { get; } = new("functions-host") { CallBase = true }; // its convenience overloads reach the mocked members

    /// <summary>The example settings a developer copies to <c>local.settings.json</c>.</summary>
    public static IReadOnlyDictionary<string, string?> LocalSettings { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "functions", "Functions", "local.settings.json.example")))
        .RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());

    /// <summary>Composes and starts the worker's services, with <paramref name="settings"/> over the example settings.</summary>
    public static async Task<FunctionsApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        AzuriteServer azurite = await AzuriteServer.StartAsync();
        var auth = new AuthOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddHostJson().AddInMemoryCollection(LocalSettings).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = $"fn{Guid.NewGuid():N}"[..16],
            ["Auth:SigningKey"] = auth.SigningKey,
            ["RelayClient:BaseUrl"] = null,
            ["RelayClient:Key"] = null,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddHnttFunctions(builder.Configuration);
        var diagnostics = new System.Diagnostics.DiagnosticListener("Microsoft.AspNetCore"); // what the worker's web host (ConfigureFunctionsWebApplication) registers
        builder.Services.AddSingleton(diagnostics).AddSingleton<System.Diagnostics.DiagnosticSource>(diagnostics);
        builder.Services.AddSingleton<INoticeSender>(new RecordingNoticeSender(TimeProvider.System));
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(); // checks every setting, and seeds the registry preset
        }
        catch
        {
            host.Dispose();
            await azurite.DisposeAsync();
            throw;
        }

        return new FunctionsApp(host, auth, azurite);
    }

    /// <summary>A bearer token for the role and its units or sites.</summary>
    public string Token(string role, params string[] scope) => DevTokens.Create(auth, role, scope, TimeProvider.System);

    /// <summary>Every HTTP function: its name, its first method and its route template.</summary>
    public static IReadOnlyList<(string Name, string Method, string Route)> HttpFunctions { get; } = [.. typeof(FunctionsSetup).Assembly.GetTypes().SelectMany(t => t.GetMethods())
        .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
        .Where(f => f.Function is not null && f.Trigger is not null)
        .Select(f => (f.Function!.Name, f.Trigger!.Methods![0].ToUpperInvariant(), f.Trigger.Route!))];

    /// <summary>The function method named <paramref name="function"/> (its <c>[Function]</c> name).</summary>
    public static MethodInfo Method(string function) => typeof(FunctionsSetup).Assembly.GetTypes().SelectMany(t => t.GetMethods())
        .Single(m => m.GetCustomAttribute<FunctionAttribute>()?.Name == function);

    /// <summary>Calls an HTTP function as the worker does: its class from the worker's services, its request, the bound client; then runs what it returns.</summary>
    public async Task<Answer> CallAsync(string function, string method, string pathAndQuery, string? token = null, string? json = null)
    {
        await using AsyncServiceScope scope = host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = context; // as the worker's web host does for each request
        string[] parts = pathAndQuery.Split('?', 2);
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("func-hntt.azurewebsites.net");
        context.Request.Path = parts[0];
        context.Request.QueryString = parts.Length == 2 ? new QueryString("?" + parts[1]) : QueryString.Empty;
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        if (token is not null)
        {
            context.Request.Headers.Authorization = $"Bearer {token}";
        }

        if (json is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
            context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody()); // as Kestrel says of a request with content
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        MethodInfo target = Method(function);
        object? instance = target.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, target.DeclaringType!);
        object?[] arguments = [.. target.GetParameters().Select(object? (p) => p.ParameterType switch
        {
            Type t when t == typeof(HttpRequest) => context.Request,
            Type t when t == typeof(DurableTaskClient) => Client.Object,
            Type t when t == typeof(FunctionContext) => Invocation(scope.ServiceProvider).Object,
            Type t when t == typeof(CancellationToken) => CancellationToken.None,
            Type t => throw new InvalidOperationException($"{function} takes a {t.Name}, which this harness does not bind."),
        })];
        var result = (IResult)target.Invoke(instance, arguments)!;
        await result.ExecuteAsync(context);
        return new Answer(context.Response.StatusCode, context.Response.ContentType ?? string.Empty, Encoding.UTF8.GetString(body.ToArray()),
            context.Response.Headers.Location.FirstOrDefault());
    }

    /// <summary>A mocked invocation context whose services are <paramref name="services"/>.</summary>
    public static Mock<FunctionContext> Invocation(IServiceProvider services)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InstanceServices).Returns(services);
        return context;
    }

    sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        await azurite.DisposeAsync();
    }
}

/// <summary>One worker per test class.</summary>
public sealed class FunctionsFixture : IAsyncLifetime
{
    /// <summary>The worker.</summary>
    public FunctionsApp App { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync() => App = await FunctionsApp.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync() => await App.DisposeAsync();
}
