using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using Hntt.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hntt.Relay.Tests;

/// <summary>
/// A Cisco Meeting Server stand-in that follows the API Blueprint: Basic auth, form-encoded POST/PUT, XML
/// answers, Location headers for new objects, &lt;failureDetails&gt; errors. Calls and call legs only.
/// </summary>
internal sealed class CmsSimulator : IAsyncDisposable
{
    public const string User = "api";
    public const string Password = "s3cret";
    readonly WebApplication app;

    CmsSimulator(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentDictionary<string, Dictionary<string, string>> Calls { get; } = new();

    public ConcurrentDictionary<string, Dictionary<string, string>> Legs { get; } = new();

    public static async Task<CmsSimulator> StartAsync()
    {
        int port = FreePorts.Take(1)[0];
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        WebApplication app = builder.Build();
        var cms = new CmsSimulator(app, new Uri($"http://127.0.0.1:{port}/"));
        app.Use(async (http, next) =>
        {
            string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
            if (http.Request.Headers.Authorization != expected)
            {
                http.Response.StatusCode = 401;
                return;
            }

            if ((HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method)) && !http.Request.HasFormContentType)
            {
                await Failure(http, 400, "parameterError");
                return;
            }

            await next(http);
        });
        app.MapGet("/api/v1/calls", () => Xml(new XElement("calls", new XAttribute("total", cms.Calls.Count),
            cms.Calls.Select(c => new XElement("call", new XAttribute("id", c.Key), new XElement("name", c.Value.GetValueOrDefault("name")))))));
        app.MapPost("/api/v1/calls", async (HttpContext http) =>
        {
            IFormCollection form = await http.Request.ReadFormAsync();
            if (!form.ContainsKey("name") && !form.ContainsKey("coSpace"))
            {
                await Failure(http, 400, "parameterError");
                return;
            }

            string id = Guid.NewGuid().ToString();
            cms.Calls[id] = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            await Created(http, $"/api/v1/calls/{id}");
        });
        app.MapPut("/api/v1/calls/{id}", async (string id, HttpContext http) =>
        {
            IFormCollection form = await http.Request.ReadFormAsync();
            await (cms.Calls.TryGetValue(id, out var call) ? Update(call, form) : Failure(http, 404, "callDoesNotExist"));
        });
        app.MapDelete("/api/v1/calls/{id}", (string id, HttpContext http) =>
        {
            if (!cms.Calls.TryRemove(id, out _))
            {
                return Failure(http, 404, "callDoesNotExist");
            }

            foreach (var leg in cms.Legs.Where(l => l.Value["call"] == id))
            {
                cms.Legs.TryRemove(leg.Key, out _);
            }

            return Task.CompletedTask;
        });
        app.MapGet("/api/v1/calls/{id}/callLegs", (string id, HttpContext http) => !cms.Calls.ContainsKey(id) ? Failure(http, 404, "callDoesNotExist") :
            Xml(new XElement("callLegs", new XAttribute("total", cms.Legs.Count(l => l.Value["call"] == id)),
                cms.Legs.Where(l => l.Value["call"] == id).Select(l => new XElement("callLeg", new XAttribute("id", l.Key),
                    new XElement("name", l.Value["remoteParty"]), new XElement("remoteParty", l.Value["remoteParty"]), new XElement("call", id))))).ExecuteAsync(http));
        app.MapPost("/api/v1/calls/{id}/callLegs", async (string id, HttpContext http) =>
        {
            IFormCollection form = await http.Request.ReadFormAsync();
            if (!cms.Calls.ContainsKey(id))
            {
                await Failure(http, 404, "callDoesNotExist");
                return;
            }

            string leg = Guid.NewGuid().ToString();
            cms.Legs[leg] = new Dictionary<string, string>(form.ToDictionary(f => f.Key, f => f.Value.ToString())) { ["call"] = id };
            await Created(http, $"/api/v1/callLegs/{leg}");
        });
        app.MapPut("/api/v1/calls/{id}/participants/{all}", async (string id, string all, HttpContext http) =>
        {
            IFormCollection form = await http.Request.ReadFormAsync();
            if (all != "*" || !cms.Calls.ContainsKey(id))
            {
                await Failure(http, 404, "callDoesNotExist");
                return;
            }

            foreach (var leg in cms.Legs.Where(l => l.Value["call"] == id))
            {
                await Update(leg.Value, form);
            }
        });
        app.MapPut("/api/v1/callLegs/{id}", async (string id, HttpContext http) =>
        {
            IFormCollection form = await http.Request.ReadFormAsync();
            await (cms.Legs.TryGetValue(id, out var leg) ? Update(leg, form) : Failure(http, 404, "callLegDoesNotExist"));
        });
        app.MapDelete("/api/v1/callLegs/{id}", (string id, HttpContext http) =>
            cms.Legs.TryRemove(id, out _) ? Task.CompletedTask : Failure(http, 404, "callLegDoesNotExist"));
        await app.StartAsync();
        return cms;
    }

    static Task Update(Dictionary<string, string> target, IFormCollection form)
    {
        lock (target)
        {
            foreach (var (key, value) in form)
            {
                target[key] = value.ToString();
            }
        }

        return Task.CompletedTask;
    }

    static Task Created(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    static IResult Xml(XElement root) => Results.Text(new XDocument(new XDeclaration("1.0", null, null), root).ToString(), "text/xml");

    static async Task Failure(HttpContext http, int status, string reason)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        await http.Response.WriteAsync($"<?xml version=\"1.0\"?><failureDetails><{reason}/></failureDetails>");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
