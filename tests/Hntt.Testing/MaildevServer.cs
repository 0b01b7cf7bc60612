using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Hntt.Testing;

/// <summary>A private maildev (a real SMTP server with a REST API) on free loopback ports, stopped on dispose.</summary>
public sealed class MaildevServer : IAsyncDisposable
{
    readonly Process process;
    readonly string folder;

    MaildevServer(Process process, string folder, int smtpPort, int webPort)
    {
        this.process = process;
        this.folder = folder;
        SmtpPort = smtpPort;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    /// <summary>The SMTP port.</summary>
    public int SmtpPort { get; }

    /// <summary>A client for maildev's REST API.</summary>
    public HttpClient Api { get; }

    /// <summary>Starts maildev; with <paramref name="smtpPort"/> to bring a server up on a port chosen earlier.</summary>
    public static async Task<MaildevServer> StartAsync(int? smtpPort = null)
    {
        string folder = Directory.CreateTempSubdirectory("maildev-").FullName;
        static string P(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int Smtp(int[] ports) => smtpPort ?? ports[0];
        var (process, ports) = await ServerProcess.StartOnFreePortsAsync("maildev", 2, ports =>
            ["--smtp", P(Smtp(ports)), "--ip", "127.0.0.1", "--web", P(ports[1]), "--web-ip", "127.0.0.1", "--mail-directory", folder],
            ports => ServesAsync(Smtp(ports), ports[1]), folder).ConfigureAwait(false);
        return new MaildevServer(process, folder, Smtp(ports), ports[1]);
    }

    /// <summary>Every message received, newest last, as maildev's JSON.</summary>
    public async Task<IReadOnlyList<JsonElement>> MessagesAsync() =>
        [.. (await Api.GetFromJsonAsync<JsonElement[]>("api/email?sort=asc&limit=100000").ConfigureAwait(false))!];

    /// <summary>A message's raw source (RFC 5322).</summary>
    public Task<Stream> SourceAsync(string id) => Api.GetStreamAsync(new Uri($"api/email/{id}/source", UriKind.Relative));

    /// <summary>Every message received, oldest first, as mailparser and ical.js read it (throws with their words when they cannot).</summary>
    public async Task<IReadOnlyList<MailReading>> ReadWithMailClientsAsync()
    {
        var sources = new List<byte[]>();
        foreach (JsonElement message in await MessagesAsync().ConfigureAwait(false))
        {
            sources.Add(await Api.GetByteArrayAsync(new Uri($"api/email/{message.GetProperty("id").GetString()}/source", UriKind.Relative)).ConfigureAwait(false));
        }

        return await MailClients.ReadAsync(sources).ConfigureAwait(false);
    }

    static async Task<bool> ServesAsync(int smtpPort, int webPort)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", smtpPort).ConfigureAwait(false);
            using var web = new HttpClient();
            using HttpResponseMessage response = await web.GetAsync(new Uri($"http://127.0.0.1:{webPort}/api/email")).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is SocketException or HttpRequestException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await ServerProcess.StopAsync(process, folder).ConfigureAwait(false);
    }
}
